import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess
let folder: string

test.beforeAll(async () => {
  serve = await startServe()
  folder = mkdtempSync(join(tmpdir(), 'skilldock-pick-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

/** A collection of five valid skills and one whose SKILL.md has no frontmatter. */
function writeCollection(): string {
  const root = join(folder, 'collection')
  for (const name of ['csv-cleaner', 'csv-charts', 'pdf-merger', 'mail-drafts', 'todo-lists']) {
    mkdirSync(join(root, name), { recursive: true })
    writeFileSync(
      join(root, name, 'SKILL.md'),
      `---\nname: ${name}\ndescription: Helps with ${name.replace('-', ' ')}. Use when asked to.\n---\n# ${name}\n\nSteps.\n`,
    )
  }
  mkdirSync(join(root, 'broken'), { recursive: true })
  writeFileSync(join(root, 'broken', 'SKILL.md'), '# broken\n\nNo frontmatter.\n')
  return root
}

test('a pick source lists its skills after adding, installs only the picked ones into the inbox', async ({
  page,
}) => {
  const root = writeCollection()
  await page.goto(serve.url)
  await page.getByTestId('nav-sources').click()
  await page.getByTestId('add-source').click()
  const dialog = page.getByTestId('add-source-dialog')
  await dialog.getByTestId('source-location').fill(root)
  await dialog.getByTestId('source-name').fill('collection')
  await dialog.getByTestId('source-add-pick').check()
  await dialog.getByTestId('source-add-submit').click()
  await expect(dialog).toHaveCount(0)

  // The sync starts by itself and installs nothing: the inbox stays empty.
  const row = page.locator('[data-testid="source-row"][data-repo="collection"]')
  await expect(row.getByTestId('sync-progress')).toHaveAttribute('data-phase', 'done', { timeout: 30_000 })
  await row.getByTestId('source-browse').click()
  const skills = page.getByTestId('source-skills')
  await expect(skills.getByTestId('source-skill')).toHaveCount(6)
  await expect(skills.getByTestId('source-skill-pick')).toHaveCount(5)
  await expect(page.getByTestId('nav-approvals-count')).toHaveCount(0)

  // Filter to the invalid one: it says why.
  await skills.getByTestId('offer-filter').selectOption('invalid')
  await expect(skills.getByTestId('source-skill')).toHaveCount(1)
  await expect(skills.getByTestId('source-skill-reason')).toContainText('SKILL.md could not be read')
  await skills.getByTestId('offer-filter').selectOption('all')

  // Search "csv", pick both shown, install them.
  await skills.getByTestId('offer-search').fill('csv')
  await expect(skills.getByTestId('source-skill')).toHaveCount(2)
  await skills.getByTestId('offer-choose-shown').click()
  await expect(skills.getByTestId('offer-install')).toHaveText('Install selected (2)')
  await skills.getByTestId('offer-install').click()
  await expect(skills.getByRole('status')).toContainText('Installed csv-charts, csv-cleaner')

  await expect(page.getByTestId('nav-approvals-count')).toHaveText('2')
  await page.getByTestId('nav-approvals').click()
  await expect(page.locator('[data-testid="approval-row"][data-skill="csv-cleaner"]')).toBeVisible()
  await expect(page.locator('[data-testid="approval-row"][data-skill="csv-charts"]')).toBeVisible()
  await expect(page.locator('[data-testid="approval-row"]')).toHaveCount(2)
})
