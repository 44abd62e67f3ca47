import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

/**
 * The whole journey from a local git repository to an active skill: add the source, sync it with
 * progress, find its skills in the inbox, approve one, see it active in the browser.
 */
let serve: ServeProcess
let folder: string

test.beforeAll(async () => {
  serve = await startServe()
  folder = mkdtempSync(join(tmpdir(), 'skilldock-git-journey-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A real git repository (a working tree whose folder ends in `.git`) holding two skills, committed. */
function writeGitRepo(): string {
  const repo = join(folder, 'lab-skills.git')
  const skills: Array<[string, string]> = [
    ['lab-notes', 'Formats lab notes into sections. Use when the user pastes raw lab notes.'],
    ['lab-units', 'Explains SI unit prefixes. Use when a value needs a prefix like kilo or milli.'],
  ]
  for (const [name, description] of skills) {
    mkdirSync(join(repo, 'skills', name), { recursive: true })
    writeFileSync(
      join(repo, 'skills', name, 'SKILL.md'),
      `---\nname: ${name}\ndescription: ${description}\n---\n# ${name}\n\nFollow these steps.\n`,
    )
  }
  const git = (...args: string[]): void => {
    execFileSync('git', ['-C', repo, ...args], { stdio: 'ignore' })
  }
  git('init', '-q', '-b', 'main')
  git('add', '.')
  git('-c', 'user.name=E2E', '-c', 'user.email=e2e@example.invalid', 'commit', '-q', '-m', 'two skills')
  return repo
}

test('adds a local git repository, syncs it with progress, approves a skill from the inbox, sees it active', async ({
  page,
}) => {
  const repo = writeGitRepo()
  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()

  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  // git clones local repositories from file:// URLs (a bare path is refused with that advice).
  await dialog.getByTestId('source-location').fill(`file://${repo}`)
  await expect(dialog.getByTestId('source-detected-type')).toContainText(/git/i)
  await dialog.getByTestId('source-name').fill('lab-skills')
  await dialog.getByTestId('source-add-submit').click()
  await expect(dialog).toHaveCount(0)

  const row = page.locator('[data-testid="source-row"][data-repo="lab-skills"]')
  await expect(row.getByTestId('source-type')).toHaveText('git')
  // The sync starts by itself once the source is added.
  const progress = row.getByTestId('sync-progress')
  await expect(progress).toBeVisible()
  await expect(progress).toHaveAttribute('data-phase', 'done', { timeout: 60_000 })
  await expect(row.getByTestId('source-skill-count')).toHaveText('2')

  await expect(page.getByTestId('nav-approvals-count')).toHaveText('2')
  await page.getByTestId('nav-approvals').click()
  await page.locator('[data-testid="approval-row"][data-skill="lab-notes"]').click()
  const detail = page.getByTestId('approval-detail')
  await expect(detail).toContainText('lab-notes')
  await detail.getByTestId('approve-button').click()
  await expect(detail.getByTestId('approval-status')).toHaveText('approved')
  await expect(page.getByTestId('nav-approvals-count')).toHaveText('1')

  await page.getByTestId('nav-skills').click()
  await page.getByTestId('skill-search').fill('lab-notes')
  const skillRow = page.locator('[data-testid="skill-row"][data-skill-name="lab-notes"]')
  await expect(skillRow.getByTestId('skill-state-badge')).toHaveText('active')
  await skillRow.click()
  await expect(page.getByTestId('skill-detail')).toContainText('lab-skills')
})
