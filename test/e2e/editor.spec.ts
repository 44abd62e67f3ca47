import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { replaceText } from './monaco'
import { cliJson as skilldockJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

const madeDirs: string[] = []

test.afterAll(async () => {
  await serve?.stop()
  for (const dir of madeDirs) rmSync(dir, { recursive: true, force: true })
})

const bundledSkillMd = resolve(__dirname, '../../skills/text-stats/SKILL.md')

test('edits a bundled skill’s SKILL.md: sees the error at its line, fixes it and saves a draft', async ({
  page,
}) => {
  // Monaco and its workers come from the app itself, under the app's strict CSP.
  const problems: string[] = []
  page.on('console', (message) => {
    // The browser's own favicon request is not the app's doing.
    if (message.location().url.endsWith('/favicon.ico')) return
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`${message.text()} @ ${message.location().url}`)
  })
  page.on('pageerror', (error) => problems.push(error.message))
  const workers: string[] = []
  page.on('worker', (worker) => workers.push(worker.url()))
  const original = readFileSync(bundledSkillMd, 'utf8')
  expect(original.split('\n')[3]).toBe('version: "1.0.0"')

  await page.goto(serve.url)
  await page.getByTestId('skill-search').fill('text-stats')
  await page.locator('[data-testid="skill-row"][data-skill-name="text-stats"]').click()
  await page.getByTestId('skill-edit').click()
  await expect.poll(() => page.url()).toContain('#/editor/text-stats')

  await expect(page.getByTestId('editor-skill-name')).toHaveText('text-stats')
  const tabs = page.getByTestId('editor-tab')
  await expect(tabs.first()).toHaveAttribute('data-path', 'SKILL.md')
  await expect(page.locator('[data-testid="editor-tab"][data-path="skill.py"]')).toBeVisible()
  const editor = page.getByTestId('code-editor')
  await expect(editor.locator('.monaco-editor .view-lines')).toContainText('name: text-stats')
  await expect(page.getByTestId('editor-status')).toHaveText('Valid')

  // Break the frontmatter: an invalid version on line 4.
  await replaceText(page, 'version: "1.0.0"', 'version: nope')
  await expect(page.getByTestId('editor-dirty')).toBeVisible()
  await expect(page.getByTestId('editor-status')).toHaveText('1 error')
  const problem = page.locator('[data-testid="editor-problem"][data-severity="error"]')
  await expect(problem).toHaveCount(1)
  await expect(problem).toHaveAttribute('data-line', '4')
  await expect(problem).toContainText('SKILL.md:4')
  await expect(problem).toContainText(/version/i)
  // Monaco itself holds an error marker on line 4 and draws it.
  await expect(editor).toHaveAttribute('data-markers', /(^| )4:error( |$)/)
  await expect(editor.locator('.squiggly-error')).toHaveCount(1)

  // Fix it and save with Ctrl+S.
  await replaceText(page, 'version: nope', 'version: 1.0.1')
  await expect(page.getByTestId('editor-status')).toHaveText('Valid')
  await expect(page.locator('[data-testid="editor-problem"][data-severity="error"]')).toHaveCount(0)
  await expect(editor).not.toHaveAttribute('data-markers', /error/)
  await page.keyboard.press('Control+s')
  await expect(page.getByTestId('editor-saved')).toHaveText('Draft saved')
  await expect(page.getByTestId('editor-dirty')).toHaveCount(0)

  // The draft copy holds the edit; the bundled copy is untouched.
  const draft = join(serve.home, 'drafts', '.edits', 'text-stats', 'SKILL.md')
  expect(existsSync(draft)).toBe(true)
  expect(readFileSync(draft, 'utf8').split('\n')[3]).toBe('version: 1.0.1')
  expect(readFileSync(bundledSkillMd, 'utf8')).toBe(original)

  // The diff against the bundled version shows exactly that line.
  await page.getByTestId('editor-diff').click()
  const diff = page.getByTestId('editor-diff-view')
  await expect(diff).toContainText('-version: "1.0.0"')
  await expect(diff).toContainText('+version: 1.0.1')
  // Bundled skills are read-only: the draft cannot be submitted in their place.
  await expect(page.getByTestId('editor-submit')).toBeDisabled()

  // A JSON file starts Monaco's JSON worker, loaded from the app's own origin.
  await page.locator('[data-testid="editor-tab"][data-path="examples.json"]').click()
  await expect(page.getByTestId('code-editor')).toHaveAttribute('data-path', 'examples.json')
  await expect(page.getByTestId('code-editor').locator('.view-lines')).toContainText('text_statistics')
  await expect
    .poll(() =>
      workers.filter((url) => url.startsWith(new URL(serve.url).origin) && /json\.worker/.test(url)),
    )
    .toHaveLength(1)
  expect(problems).toEqual([])

  // Reopening the skill shows the saved draft, not the bundled text.
  await page.reload()
  await expect(page.getByTestId('code-editor').locator('.view-lines')).toContainText('version: 1.0.1')
})

test('creates a new skill from the template and submits it for approval', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByRole('link', { name: 'Editor' }).click()
  await page.getByTestId('editor-new-name').fill('my-notes')
  await page.getByTestId('editor-new-create').click()
  await expect.poll(() => page.url()).toContain('#/editor/my-notes')
  await expect(page.getByTestId('editor-status')).toHaveText('Valid')
  await expect(page.locator('[data-testid="editor-tab"][data-path="skill.py"]')).toBeVisible()
  expect(existsSync(join(serve.home, 'drafts', 'my-notes', 'skill.py'))).toBe(true)

  await page.getByTestId('editor-submit').click()
  await expect(page.getByTestId('editor-approval')).toContainText('Sent for approval: pending')
  await page.getByTestId('editor-approval').getByRole('link', { name: 'Open the request' }).click()
  await expect.poll(() => page.url()).toContain('#/approvals/')
  await expect(page.getByText('my-notes').first()).toBeVisible()
})

const cliJson = (args: string[]): unknown => skilldockJson(serve.home, args)

test('shows scanner findings as warnings, and submits an edited library skill with its diff', async ({
  page,
}) => {
  const source = mkdtempSync(join(tmpdir(), 'skilldock-editor-'))
  madeDirs.push(source)
  mkdirSync(join(source, 'risky-notes'))
  writeFileSync(
    join(source, 'risky-notes', 'SKILL.md'),
    '---\nname: risky-notes\ndescription: Takes notes. Use when asked to note things.\n---\n# Risky notes\n\nWrite notes.\n',
  )
  writeFileSync(
    join(source, 'risky-notes', 'skill.py'),
    'import subprocess\n\n\ndef note(text):\n    return subprocess.run(["echo", text], capture_output=True).stdout\n',
  )
  cliJson(['add', join(source, 'risky-notes')])
  const imported = cliJson(['show', 'risky-notes']) as { approval: { id: string } }
  cliJson(['approve', imported.approval.id])
  const libraryCopy = join(serve.home, 'skills', 'risky-notes', 'SKILL.md')
  const approvedText = readFileSync(libraryCopy, 'utf8')

  await page.goto(serve.url)
  await page.getByTestId('skill-search').fill('risky-notes')
  await page.locator('[data-testid="skill-row"][data-skill-name="risky-notes"]').click()
  await page.getByTestId('skill-edit').click()
  await expect(page.getByTestId('editor-skill-name')).toHaveText('risky-notes')

  // The scanner's finding in skill.py is a warning at its line; going there shows it in Monaco.
  const finding = page.locator(
    '[data-testid="editor-problem"][data-source="scanner"][data-file="skill.py"][data-line="5"]',
  )
  await expect(finding).toHaveAttribute('data-severity', 'warning')
  await expect(finding).toContainText('subprocess.run')
  await finding.getByRole('button', { name: 'skill.py:5' }).click()
  const editor = page.getByTestId('code-editor')
  await expect(editor).toHaveAttribute('data-path', 'skill.py')
  await expect(editor).toHaveAttribute('data-markers', '5:warning')
  await expect(editor.locator('.squiggly-warning')).toHaveCount(1)

  // Edit the instructions, save the draft and compare it with the approved version.
  await page.locator('[data-testid="editor-tab"][data-path="SKILL.md"]').click()
  await expect(editor).toHaveAttribute('data-path', 'SKILL.md')
  await replaceText(page, 'Write notes.', 'Write short notes.')
  await expect(
    page.locator('[data-testid="editor-tab"][data-path="SKILL.md"] [data-testid="editor-tab-dirty"]'),
  ).toBeVisible()
  await page.getByTestId('editor-save').click()
  await expect(page.getByTestId('editor-saved')).toBeVisible()
  expect(readFileSync(libraryCopy, 'utf8')).toBe(approvedText)
  await page.getByTestId('editor-diff').click()
  await expect(page.getByTestId('editor-diff-view')).toContainText('against the approved version')
  await expect(page.getByTestId('editor-diff-view')).toContainText('-Write notes.')
  await expect(page.getByTestId('editor-diff-view')).toContainText('+Write short notes.')

  // Submitting sends it to the inbox as a change of an approved skill, with the same diff.
  await page.getByTestId('editor-submit').click()
  await expect(page.getByTestId('editor-approval')).toContainText('Sent for approval: pending')
  expect((cliJson(['show', 'risky-notes']) as { state: string }).state).toBe('changed')
  await page.getByTestId('editor-approval').getByRole('link', { name: 'Open the request' }).click()
  await expect(page.getByTestId('approval-diff')).toContainText('+Write short notes.')
})
