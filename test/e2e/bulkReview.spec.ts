import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { cliJson as skilldockJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess
let folders: string

const fixtures = resolve(__dirname, '../fixtures/governance')

test.beforeAll(async () => {
  serve = await startServe()
  folders = mkdtempSync(join(tmpdir(), 'skilldock-bulk-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folders) rmSync(folders, { recursive: true, force: true })
})

const cliJson = (args: string[]): unknown => skilldockJson(serve.home, args)

function writeSkill(root: string, name: string): void {
  mkdirSync(join(root, name), { recursive: true })
  writeFileSync(
    join(root, name, 'SKILL.md'),
    `---\nname: ${name}\ndescription: Formats ${name} notes. Use when notes need tidying.\n---\n# ${name}\n\nTidy the notes.\n`,
  )
}

/** A source folder of LOW skills, optionally with a copy of the CRITICAL `loader` fixture. */
function source(name: string, skills: string[], critical?: string): string {
  const root = join(folders, name)
  for (const skill of skills) writeSkill(root, skill)
  if (critical) {
    cpSync(join(fixtures, 'loader'), join(root, critical), { recursive: true })
    const md = join(root, critical, 'SKILL.md')
    writeFileSync(md, readFileSync(md, 'utf8').replace('name: loader', `name: ${critical}`))
  }
  return root
}

type Listed = { name: string; state: string; trust: string }
type Request = { skill: string; status: string; notes: string | null; trust: string | null }

test('ticks many requests and decides once; "approve all LOW from a source" lists them before acting', async ({
  page,
}) => {
  const team = source('team', ['team-alpha', 'team-bravo', 'team-charlie'], 'team-loader')
  const crowd = source('crowd', ['crowd-one', 'crowd-two', 'crowd-three'])
  cliJson(['repo', 'add', 'team', team, '--type', 'local'])
  cliJson(['repo', 'add', 'crowd', crowd, '--type', 'local'])
  cliJson(['repo', 'sync', 'team'])
  cliJson(['repo', 'sync', 'crowd'])

  await page.goto(serve.url)
  await page.getByTestId('nav-approvals').click()
  await page.getByTestId('approval-group-by').selectOption('source')
  await expect(page.locator('[data-testid="approval-group"][data-group="team"]')).toContainText('4')
  await expect(page.locator('[data-testid="approval-group"][data-group="crowd"]')).toContainText('3')

  // A CRITICAL request cannot be ticked: it is decided on its own page.
  const line = (skill: string) => page.locator('li', { has: page.locator(`[data-skill="${skill}"]`) })
  await expect(line('team-loader').getByTestId('approval-select')).toBeDisabled()

  // Tick two, decide once: monitored, with notes.
  await line('crowd-one').getByTestId('approval-select').check()
  await line('crowd-three').getByTestId('approval-select').check()
  const bar = page.getByTestId('bulk-decision')
  await expect(bar.getByTestId('bulk-selected-count')).toHaveText('2 selected')
  await expect(bar.getByTestId('bulk-trust').locator('option', { hasText: 'trusted' })).toHaveCount(0)
  await bar.getByTestId('bulk-trust').selectOption('monitored')
  await bar.getByTestId('bulk-notes').fill('read both, fine')
  await bar.getByTestId('bulk-approve').click()
  await expect(page.getByTestId('bulk-outcome')).toContainText('2 approved')
  await expect(page.getByTestId('bulk-decision')).toHaveCount(0)

  const skills = () => Object.fromEntries((cliJson(['list']) as Listed[]).map((s) => [s.name, s]))
  expect(skills()['crowd-one']).toMatchObject({ state: 'active', trust: 'monitored' })
  expect(skills()['crowd-three']).toMatchObject({ state: 'active', trust: 'monitored' })
  expect(skills()['crowd-two']?.state).toBe('pending')
  // Each request carries the decision on its own.
  const requests = cliJson(['approvals', '--all']) as Request[]
  for (const skill of ['crowd-one', 'crowd-three']) {
    expect(requests.find((r) => r.skill === skill)).toMatchObject({
      status: 'approved',
      trust: 'monitored',
      notes: 'read both, fine',
    })
  }

  // "Approve all LOW…" for team: first the list, nothing approved yet.
  await page.getByTestId('bulk-outcome').getByRole('button', { name: 'Done' }).click()
  await page
    .locator('[data-testid="approval-group"][data-group="team"]')
    .getByTestId('approve-low-from-source')
    .click()
  const preview = page.getByTestId('low-from-source-preview')
  const listed = preview.getByTestId('low-preview-list').locator('li')
  await expect(listed).toHaveCount(3)
  await expect(preview.getByTestId('low-preview-list')).toContainText('team-alpha')
  await expect(preview.getByTestId('low-preview-list')).not.toContainText('team-loader')
  await expect(preview.getByTestId('low-preview-left')).toContainText('team-loader')
  expect(skills()['team-alpha']?.state).toBe('pending')

  await preview.getByTestId('confirm-low-from-source').click()
  await expect(page.getByTestId('bulk-outcome')).toContainText('3 approved')
  const after = skills()
  for (const skill of ['team-alpha', 'team-bravo', 'team-charlie']) expect(after[skill]?.state).toBe('active')
  expect(after['team-loader']?.state).toBe('pending')
  await expect(page.locator('[data-testid="approval-group"][data-group="team"]')).toContainText('1')
})
