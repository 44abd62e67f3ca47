import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { replaceText } from './monaco'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

test('Test draft on a bundled skill runs the saved draft, labelled draft, and calls one of its tools; the bundled version is unchanged', async ({
  page,
}) => {
  await page.goto(serve.url)
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible()
  await page.goto(new URL('#/editor/text-stats', serve.url).href)
  await expect(page.getByTestId('code-editor').locator('.view-lines')).toContainText('name: text-stats')
  const run = page.getByTestId('editor-test-run')
  // Nothing saved yet: the test would run the bundled version, and says so.
  await expect(run).toHaveText('Test')

  // Edit the tool's description in skill.py and save: a draft copy now exists.
  await page.locator('[data-testid="editor-tab"][data-path="skill.py"]').click()
  await expect(page.getByTestId('code-editor').locator('.view-lines')).toContainText('FastMCP')
  await replaceText(page, 'Count words, sentences', 'DRAFTED tally of words, sentences')
  await expect(run).toBeDisabled()
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('editor-saved')).toBeVisible()
  await expect(run).toHaveText('Test draft')
  await expect(run).toBeEnabled()

  await run.click()
  const panel = page.getByTestId('editor-test')
  await expect(panel).toHaveAttribute('data-version', 'draft')
  await expect(panel).toContainText('Tested: draft')
  await expect(panel.getByTestId('editor-test-note')).toContainText(
    'Your saved draft ran, not the bundled version',
  )
  await expect(panel.getByTestId('editor-test-outcome')).toHaveText('passed', { timeout: 60_000 })
  const handshake = panel
    .locator('[data-testid="editor-test-check"]')
    .filter({ hasText: 'server starts and answers the MCP handshake' })
  await expect(handshake).toHaveAttribute('data-status', 'pass')

  // A free-form call against the draft: its tools, its schema form, its result.
  const call = panel.getByTestId('editor-draft-call')
  await expect(call.getByTestId('editor-draft-tool')).toHaveValue('text_statistics', { timeout: 30_000 })
  await expect(call).toContainText('DRAFTED tally of words')
  await call.getByLabel(/^text/i).fill('One sentence here. And another one!')
  await call.getByTestId('runner-call').click()
  const result = call.getByTestId('runner-result')
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 30_000 })
  await expect(result).toContainText('"sentences": 2')
  // However long the results, the code stays in view below them.
  const code = await page.getByTestId('code-editor').boundingBox()
  expect(code?.height ?? 0).toBeGreaterThan(150)
  // For review beside the other screens (git-ignored, like test/e2e/screenshots.spec.ts writes them).
  mkdirSync(join(__dirname, 'screenshots'), { recursive: true })
  await page.mouse.move(1279, 0)
  await page.getByTestId('editor-test').evaluate((panel) => panel.scrollTo(0, 0))
  await page.screenshot({
    path: join(__dirname, 'screenshots', 'editor-draft-test-light.png'),
  })

  // The bundled version clients use still serves its own description.
  await page.goto(new URL('#/skills/text-stats/run', serve.url).href)
  const runner = page.getByTestId('runner')
  await runner.getByRole('button', { name: 'Refresh tools' }).click()
  await expect(runner.getByTestId('runner-tool-select')).toBeVisible({ timeout: 30_000 })
  await runner.getByTestId('runner-tool-select').selectOption('text_statistics')
  await expect(runner).toContainText('Count words, sentences')
  await expect(runner).not.toContainText('DRAFTED')
})
