import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

test('the palette puts skill and screen names that start with the typed text first', async ({ page }) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  const items = page.getByTestId('command-item')

  // "unit" + Enter opens the unit-converter skill, not the Automation screen.
  await page.keyboard.press('Control+k')
  await page.getByTestId('command-input').fill('unit')
  await expect(items.first()).toHaveText(/^unit-converter/)
  await expect(items.first()).toHaveAttribute('data-selected', 'true')
  await page.keyboard.press('Enter')
  await expect.poll(() => page.url()).toContain('#/skills/unit-converter')

  // "conv" ranks the converter skill above "Create an MCP client…".
  await page.keyboard.press('Control+k')
  await page.getByTestId('command-input').fill('conv')
  await expect(items.first()).toHaveText(/^unit-converter/)
  await expect(page.getByTestId('command-palette')).not.toContainText('Create an MCP client')

  // A screen's exact name wins over everything else.
  await page.getByTestId('command-input').fill('settings')
  await expect(items.first()).toHaveText(/^Go to Settings/)
  await page.keyboard.press('Enter')
  await expect.poll(() => page.url()).toContain('#/settings')
})
