import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess
let folder: string

test.beforeAll(async () => {
  serve = await startServe()
  folder = mkdtempSync(join(tmpdir(), 'skilldock-sources-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A folder holding two instruction-only skills. */
function writeSkillsFolder(): string {
  const root = join(folder, 'team-skills')
  const skills: Array<[string, string]> = [
    ['csv-helper', 'Explains how to clean CSV files. Use when a CSV file has messy columns.'],
    ['commit-notes', 'Writes commit messages from a diff. Use when a change needs a commit message.'],
  ]
  for (const [name, description] of skills) {
    mkdirSync(join(root, name), { recursive: true })
    writeFileSync(
      join(root, name, 'SKILL.md'),
      `---\nname: ${name}\ndescription: ${description}\n---\n# ${name}\n\nFollow these steps.\n`,
    )
  }
  return root
}

test('adds a local folder source, syncs it with progress and finds its skills in the inbox', async ({
  page,
}) => {
  const root = writeSkillsFolder()
  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()
  await expect(page.getByTestId('sources-empty')).toBeVisible()

  // Add: the type is detected from the path.
  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  await dialog.getByTestId('source-location').fill(root)
  await expect(dialog.getByTestId('source-detected-type')).toHaveText('Local folder')
  await dialog.getByTestId('source-name').fill('team-skills')
  await dialog.getByTestId('source-add-submit').click()
  await expect(dialog).toHaveCount(0)

  const row = page.locator('[data-testid="source-row"][data-repo="team-skills"]')
  await expect(row.getByTestId('source-type')).toHaveText('local')

  // The sync starts by itself (no click on Sync): the progress bar follows sync.progress to done.
  const progress = row.getByTestId('sync-progress')
  await expect(progress).toBeVisible()
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  await expect(row.getByTestId('source-skill-count')).toHaveText('2')

  // Browse the source's skills.
  await row.getByTestId('source-browse').click()
  const skills = page.getByTestId('source-skills')
  await expect(skills.locator('[data-testid="source-skill"][data-skill="csv-helper"]')).toBeVisible()
  await expect(skills.locator('[data-testid="source-skill"][data-skill="commit-notes"]')).toBeVisible()

  // Both wait in the approval inbox.
  await expect(page.getByTestId('nav-approvals-count')).toHaveText('2')
  await page.getByTestId('nav-approvals').click()
  await expect(page.locator('[data-testid="approval-row"][data-skill="csv-helper"]')).toBeVisible()
  await expect(page.locator('[data-testid="approval-row"][data-skill="commit-notes"]')).toBeVisible()
})

test('imports a pasted SKILL.md and an uploaded archive through the approval inbox', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()

  // Paste: the dialog sees SKILL.md content, imports it once, and says it waits for approval.
  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  await dialog
    .getByTestId('source-location')
    .fill(
      '---\nname: pasted-notes\ndescription: Tidies meeting notes. Use after a meeting.\n---\n# Notes\n\nTidy them.\n',
    )
  await expect(dialog.getByTestId('source-detected-type')).toHaveText('Pasted SKILL.md')
  await dialog.getByTestId('source-add-submit').click()
  const pasted = dialog.getByTestId('import-result')
  await expect(pasted.getByTestId('import-result-skill')).toContainText('pasted-notes')
  await expect(pasted.getByTestId('import-result-state')).toHaveText('pending')
  await pasted.getByTestId('import-result-done').click()
  await expect(dialog).toHaveCount(0)
  expect(existsSync(join(serve.home, 'skills', 'pasted-notes', 'SKILL.md'))).toBe(true)

  // Upload: a real zip made by the zip tool, chosen in the file input.
  const packed = join(folder, 'packed')
  mkdirSync(join(packed, 'zipped-helper'), { recursive: true })
  writeFileSync(
    join(packed, 'zipped-helper', 'SKILL.md'),
    '---\nname: zipped-helper\ndescription: Came in a zip. Use when testing uploads.\n---\n# Zipped\n',
  )
  const zip = join(folder, 'upload.zip')
  execFileSync('zip', ['-qr', zip, 'zipped-helper'], { cwd: packed })
  await page.getByTestId('add-source').click()
  await dialog.getByTestId('source-upload').setInputFiles({
    name: 'upload.zip',
    mimeType: 'application/zip',
    buffer: readFileSync(zip),
  })
  await expect(dialog.getByTestId('source-detected-type')).toHaveText('Uploaded archive')
  await dialog.getByTestId('source-add-submit').click()
  const uploaded = dialog.getByTestId('import-result')
  await expect(uploaded.getByTestId('import-result-skill')).toContainText('zipped-helper')
  await uploaded.getByTestId('import-result-done').click()

  // Both wait in the inbox, next to the two from the first test.
  await page.getByTestId('nav-approvals').click()
  await expect(page.locator('[data-testid="approval-row"][data-skill="pasted-notes"]')).toBeVisible()
  await expect(page.locator('[data-testid="approval-row"][data-skill="zipped-helper"]')).toBeVisible()
})

test('shows an available update, applies it, and exports active skills to an agent folder', async ({
  page,
}) => {
  // Governance full_auto (set through the CLI on the same data home): LOW-risk skills activate at once.
  const bin = resolve(__dirname, '..', '..', 'resources', 'bin', 'skilldock.cjs')
  execFileSync(process.execPath, [bin, '--home', serve.home, 'governance', 'full_auto'])
  const root = join(folder, 'exportable')
  const write = (description: string) => {
    mkdirSync(join(root, 'export-me'), { recursive: true })
    writeFileSync(
      join(root, 'export-me', 'SKILL.md'),
      `---\nname: export-me\ndescription: ${description}\n---\n# Export me\n\nFollow these steps.\n`,
    )
  }
  write('Formats release notes. Use when writing a release.')

  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()
  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  await dialog.getByTestId('source-location').fill(root)
  await dialog.getByTestId('source-add-submit').click()
  const row = page.locator('[data-testid="source-row"][data-repo="exportable"]')
  // The sync that starts on adding installs (and, under full_auto, activates) the skill.
  await expect(row.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  await expect(page.getByTestId('updates-panel')).toHaveCount(0)

  // Upstream changes: the next sync shows an update, and the button applies it.
  write('Formats release notes, now with links. Use when writing a release.')
  await row.getByTestId('source-sync').click()
  const panel = page.getByTestId('updates-panel')
  await expect(panel.getByTestId('updates-count')).toHaveText('1 update available', { timeout: 30_000 })
  await panel
    .locator('[data-testid="update-row"][data-skill="export-me"]')
    .getByTestId('update-apply')
    .click()
  await expect(panel).toHaveCount(0, { timeout: 30_000 })
  expect(readFileSync(join(serve.home, 'skills', 'export-me', 'SKILL.md'), 'utf8')).toContain(
    'now with links',
  )

  // Export: pick the agent, give the folder, see what was written.
  const agentDir = join(folder, 'agent-skills')
  await page.getByTestId('export-skills').click()
  const exportDialog = page.getByTestId('export-dialog')
  await exportDialog.getByTestId('export-target').selectOption('agents')
  await exportDialog.getByTestId('export-dir').fill(agentDir)
  await exportDialog.getByTestId('export-submit').click()
  const result = exportDialog.getByTestId('export-result')
  await expect(result.getByTestId('export-written')).toHaveText('written export-me')
  expect(readFileSync(join(agentDir, 'export-me', 'SKILL.md'), 'utf8')).toContain('now with links')
  expect(existsSync(join(agentDir, 'export-me', '.skilldock-origin.json'))).toBe(true)
  // A second export changes nothing.
  await exportDialog.getByTestId('export-submit').click()
  await expect(result.getByTestId('export-unchanged')).toHaveText('unchanged export-me')
})

test('adopts a skill found in an agent folder into the library', async ({ page }) => {
  const bin = resolve(__dirname, '..', '..', 'resources', 'bin', 'skilldock.cjs')
  execFileSync(process.execPath, [bin, '--home', serve.home, 'governance', 'full_auto'])
  const agentDir = join(folder, 'hand-made-agent-skills')
  mkdirSync(join(agentDir, 'hand-made'), { recursive: true })
  writeFileSync(
    join(agentDir, 'hand-made', 'SKILL.md'),
    '---\nname: hand-made\ndescription: Tidies meeting notes. Use when notes need a summary.\n---\n# Hand made\n\nFollow these steps.\n',
  )

  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()
  await page.getByTestId('adopt-skills').click()
  const dialog = page.getByTestId('adopt-dialog')
  await dialog.getByTestId('adopt-target').selectOption('agents')
  await dialog.getByTestId('adopt-dir').fill(agentDir)
  await dialog.getByTestId('adopt-look').click()
  await expect(dialog.getByTestId('adopt-skill')).toContainText('hand-made')
  await expect(dialog.getByTestId('adopt-check')).toBeChecked()
  await dialog.getByTestId('adopt-submit').click()
  const result = dialog.getByTestId('import-result')
  await expect(result.getByTestId('import-result-skill')).toContainText('hand-made', { timeout: 30_000 })
  await expect(result.getByTestId('import-result-state')).toHaveText('active')
  expect(readFileSync(join(serve.home, 'skills', 'hand-made', 'SKILL.md'), 'utf8')).toContain(
    'Tidies meeting notes',
  )
  // The agent's own folder is left as it was.
  expect(existsSync(join(agentDir, 'hand-made', 'SKILL.md'))).toBe(true)
})
