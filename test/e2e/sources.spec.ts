import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
  await expect(row).toContainText('never')

  // Sync: the progress bar follows sync.progress to done.
  await row.getByTestId('source-sync').click()
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
