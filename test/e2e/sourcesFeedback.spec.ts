import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess
let folder: string

test.beforeAll(async () => {
  serve = await startServe()
  folder = mkdtempSync(join(tmpdir(), 'skilldock-feedback-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

function writeSkill(root: string, name: string, skillMd: string): void {
  mkdirSync(join(root, name), { recursive: true })
  writeFileSync(join(root, name, 'SKILL.md'), skillMd)
}

async function addFolderSource(page: Page, root: string, name: string): Promise<void> {
  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  await dialog.getByTestId('source-location').fill(root)
  await dialog.getByTestId('source-name').fill(name)
  await dialog.getByTestId('source-add-submit').click()
  await expect(dialog).toHaveCount(0)
}

const headerWidths = (page: Page): Promise<number[]> =>
  page
    .getByTestId('sources-table')
    .locator('thead th')
    .evaluateAll((cells) => cells.map((cell) => Math.round(cell.getBoundingClientRect().width)))

test('a sync says why a skill was not installed, calls new ones new, and keeps its columns still', async ({
  page,
}) => {
  const root = join(folder, 'mixed')
  writeSkill(
    root,
    'good-notes',
    '---\nname: good-notes\ndescription: Takes notes. Use when asked to note things.\n---\n# Notes\n',
  )
  // No description: the validator refuses it.
  writeSkill(root, 'broken-notes', '---\nname: broken-notes\n---\n# Broken\n')
  const single = join(folder, 'single')
  writeSkill(
    single,
    'lonely-skill',
    '---\nname: lonely-skill\ndescription: Stands alone. Use when alone.\n---\n# Lonely\n',
  )

  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()
  await addFolderSource(page, root, 'mixed')
  await addFolderSource(page, single, 'single')

  const before = await headerWidths(page)
  // Each source synced as it was added; its columns stay put while it runs and when it is done.
  const row = page.locator('[data-testid="source-row"][data-repo="mixed"]')
  await expect(row.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  // Its summary does not pass the refused skill off as synced.
  await expect(row.getByTestId('sync-progress')).toContainText('Done — 2 skills (1 not installed)')
  expect(await headerWidths(page)).toEqual(before)

  const lonely = page.locator('[data-testid="source-row"][data-repo="single"]')
  await expect(lonely.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  await expect(lonely.getByTestId('sync-progress')).toContainText('Done — 1 skill')
  await expect(lonely.getByTestId('sync-progress')).not.toContainText('1 skills')
  expect(await headerWidths(page)).toEqual(before)

  // The mixed source: the good skill is new and waits for approval, the broken one says why it is missing.
  await row.getByTestId('source-browse').click()
  const skills = page.getByTestId('source-skills')
  const good = skills.locator('[data-testid="source-skill"][data-skill="good-notes"]')
  await expect(good.getByTestId('source-skill-status')).toHaveText('new')
  await expect(good).toContainText('awaiting approval')
  await expect(good).not.toContainText('unchanged')
  const broken = skills.locator('[data-testid="source-skill"][data-skill="broken-notes"]')
  await expect(broken).toContainText('not installed')
  await expect(broken.getByTestId('source-skill-reason')).toContainText('SKILL.md could not be read')
  await expect(broken.getByTestId('source-skill-reason')).toContainText(/description/i)
})

test('an add-source error goes away once the input changes', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()
  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  await dialog.getByTestId('source-location').fill(join(folder, 'does-not-exist'))
  await dialog.getByTestId('source-name').fill('missing')
  await dialog.getByTestId('source-add-submit').click()
  const error = dialog.getByRole('alert')
  await expect(error).toBeVisible()

  await dialog.getByTestId('source-location').fill(join(folder, 'mixed'))
  await expect(error).toHaveCount(0)
})
