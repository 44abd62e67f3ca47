import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

test('a Python syntax error shows as the author types: an error, not a security finding, and Submit waits', async ({
  page,
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-editor').click()
  await page.getByTestId('editor-new-name').fill('typed-checks')
  await page.getByTestId('editor-new-create').click()
  await expect.poll(() => page.url()).toContain('#/editor/typed-checks')
  const status = page.getByTestId('editor-status')
  const submit = page.getByTestId('editor-submit')
  await expect(status).toHaveText('Valid')
  await expect(submit).toBeEnabled()

  await page.locator('[data-testid="editor-tab"][data-path="skill.py"]').click()
  const editor = page.getByTestId('code-editor')
  await expect(editor).toHaveAttribute('data-path', 'skill.py')
  await editor.locator('.view-lines').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Enter')
  await page.keyboard.press('Shift+Home')
  await page.keyboard.type('def broken(:')

  // Not saved, yet checked: one error in the header, listed as a syntax error in skill.py.
  await expect(page.getByTestId('editor-dirty')).toBeVisible()
  await expect(status).toHaveText('1 error')
  const errors = page.getByTestId('editor-problems-errors')
  const problem = errors.locator('[data-testid="editor-problem"][data-source="syntax"][data-file="skill.py"]')
  await expect(problem).toHaveCount(1)
  await expect(problem).toContainText('Python cannot read this file')
  await expect(problem).toHaveAttribute('data-line', /\d+/)
  await expect(editor).toHaveAttribute('data-markers', /(^| )\d+:error( |$)/)
  // Never presented as a security finding.
  await expect(page.getByTestId('editor-problems')).not.toContainText('confuse scanners')
  await expect(page.locator('[data-testid="editor-problem"][data-source="scanner"]')).toHaveCount(0)
  await expect(submit).toBeDisabled()
  await expect(submit).toHaveAttribute('title', 'Fix the error first.')
  expect(readFileSync(join(serve.home, 'drafts', 'typed-checks', 'skill.py'), 'utf8')).not.toContain('broken')

  // Fixed as typed: back to valid; saved, it can be submitted.
  await page.keyboard.press('Home')
  await page.keyboard.press('Shift+End')
  await page.keyboard.press('Delete')
  await page.keyboard.type('# fine now')
  await expect(status).toHaveText('Valid')
  await expect(page.locator('[data-testid="editor-problem"][data-source="syntax"]')).toHaveCount(0)
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('editor-saved')).toBeVisible()
  await expect(submit).toBeEnabled()
})

test('a security finding of the text as typed is listed apart from errors and does not block Submit', async ({
  page,
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-editor').click()
  await page.getByTestId('editor-new-name').fill('typed-risk')
  await page.getByTestId('editor-new-create').click()
  await expect(page.getByTestId('editor-status')).toHaveText('Valid')
  await page.locator('[data-testid="editor-tab"][data-path="skill.py"]').click()
  const editor = page.getByTestId('code-editor')
  await editor.locator('.view-lines').click()
  await page.keyboard.press('Control+Home')
  await page.keyboard.type('import subprocess\nsubprocess.run(["echo", "hi"])\n')

  const security = page.getByTestId('editor-problems-security')
  await expect(security).toContainText('Security findings')
  await expect(security.locator('[data-testid="editor-problem"]').first()).toContainText('Security check (')
  await expect(page.getByTestId('editor-problems-errors')).toHaveCount(0)
  await expect(page.getByTestId('editor-status')).toHaveText('Valid')
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('editor-saved')).toBeVisible()
  await expect(page.getByTestId('editor-submit')).toBeEnabled()
})

test('Test draft runs skilldock test on the saved draft of a new skill, and says which version it ran', async ({
  page,
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-editor').click()
  await page.getByTestId('editor-new-name').fill('tested-draft')
  await page.getByTestId('editor-new-create').click()
  await expect(page.getByTestId('editor-status')).toHaveText('Valid')
  const run = page.getByTestId('editor-test-run')
  await expect(run).toHaveText('Test draft')
  await run.click()
  const panel = page.getByTestId('editor-test')
  await expect(panel).toHaveAttribute('data-version', 'draft')
  await expect(panel).toContainText('Tested: draft')
  await expect(panel.getByTestId('editor-test-outcome')).toBeVisible({ timeout: 45_000 })
  const manifest = panel.locator('[data-testid="editor-test-check"]').filter({ hasText: 'SKILL.md is valid' })
  await expect(manifest).toHaveAttribute('data-status', 'pass')
  await expect(
    panel.locator('[data-testid="editor-test-check"]').filter({ hasText: 'skill.py parses' }),
  ).toHaveAttribute('data-status', 'pass')

  // An unsaved edit must be saved before the draft can be tested.
  await page.locator('[data-testid="editor-tab"][data-path="skill.py"]').click()
  await page.getByTestId('code-editor').locator('.view-lines').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.type('\n# more')
  await expect(run).toBeDisabled()

  // A bundled skill is tested as bundled, and says its draft edits are not in the run.
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('editor-saved')).toBeVisible()
  await page.evaluate(() => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/editor/text-stats'
  })
  await expect(page.getByTestId('editor-skill-name')).toHaveText('text-stats')
  await page.getByTestId('editor-test-run').click()
  await expect(page.getByTestId('editor-test')).toHaveAttribute('data-version', 'bundled')
  await expect(page.getByTestId('editor-test')).toContainText('Tested: bundled')
})
