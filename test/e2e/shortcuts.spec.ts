import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

test('typing words with g in the code editor stays in the editor and keeps every letter', async ({
  page,
}) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  await page.evaluate(() => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/editor/text-stats'
  })
  await expect(page.getByTestId('editor-skill-name')).toHaveText('text-stats')
  await page.locator('[data-testid="editor-tab"][data-path="skill.py"]').click()
  const editor = page.getByTestId('code-editor')
  await expect(editor).toHaveAttribute('data-path', 'skill.py')
  await expect(editor.locator('.view-lines')).toContainText('text-stats')

  // Put the cursor at the very end of the file on a fresh line, then type words holding g + a screen key.
  await editor.locator('.view-lines').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  const words = ['# length args strings go gs gt ga ? done']
  await page.keyboard.type(words[0]!)

  await expect(editor.locator('.view-lines')).toContainText('length args strings go gs gt ga ? done')
  await expect.poll(() => page.url()).toContain('#/editor/text-stats')
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0)
  await expect(page.getByTestId('editor-dirty')).toBeVisible()
})

test('typing in a text field never switches screens, and g t outside a field still does', async ({
  page,
}) => {
  await page.goto(serve.url)
  const search = page.getByTestId('skill-search')
  await search.click()
  await search.pressSequentially('gt ga gi')
  await expect(search).toHaveValue('gt ga gi')
  await expect.poll(() => page.url()).not.toContain('#/settings')
  await expect(page.getByTestId('shortcuts-help')).toHaveCount(0)

  // Out of the field, the same keys are the shortcut.
  await search.blur()
  await page.locator('body').press('g')
  await page.locator('body').press('t')
  await expect.poll(() => page.url()).toContain('#/settings')
})
