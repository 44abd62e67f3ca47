import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serveForSpec } from './serve'

const spec = serveForSpec('skilldock-labels-')
const { cliJson, invoke } = spec

function addNotesSkill(name: string): string {
  const dir = join(spec.sources, name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'SKILL.md'),
    `---\nname: ${name}\ndescription: Keeps short notes tidy. Use when notes need cleaning up.\n---\n# Notes\n\nTidy them.\n`,
  )
  cliJson(['add', dir])
  const [request] = cliJson(['approvals']) as Array<{ id: string; skill: string }>
  expect(request?.skill).toBe(name)
  return request!.id
}

test('a pending skill says its enabling waits for approval; Activity and dates read as words', async ({
  page,
}) => {
  const id = addNotesSkill('waiting-notes')
  await page.goto(spec.serve.url)
  await page.getByTestId('skill-search').fill('waiting-notes')
  await page.locator('[data-testid="skill-row"][data-skill-name="waiting-notes"]').click()
  const skill = page.getByTestId('skill-detail')
  const toggle = skill.getByTestId('enable-toggle')
  await expect(toggle).toHaveText('Enable requested — awaiting approval')
  await expect(toggle).toHaveAttribute('aria-checked', 'false')
  await expect(skill.getByTestId('pending-approval-link')).toHaveAttribute('href', `#/approvals/${id}`)

  // Dates are local and readable, never ISO text.
  const indexed = skill.getByTestId('skill-indexed')
  await expect(indexed).not.toHaveText(/\d{4}-\d{2}-\d{2}T/)
  await expect(indexed).toHaveText(new RegExp(String(new Date().getFullYear())))

  // Activity says what happened in words; the code is only the tooltip.
  await page.getByTestId('nav-activity').click()
  const row = page.locator(
    '[data-testid="activity-row"][data-action="approval.import"][data-skill="waiting-notes"]',
  )
  await expect(row.getByTestId('activity-action')).toHaveText('Imported for approval')
  await expect(row.getByTestId('activity-action')).toHaveAttribute('title', 'approval.import')
})

test('an edit submitted from the editor says so and starts at the skill’s current trust', async ({
  page,
}) => {
  const id = addNotesSkill('edited-notes')
  cliJson(['approve', id, '--trust', 'monitored'])
  await invoke('files.saveDraft', {
    name: 'edited-notes',
    files: [
      {
        path: 'SKILL.md',
        content:
          '---\nname: edited-notes\ndescription: Keeps short notes tidy. Use when notes need cleaning up.\n---\n# Notes\n\nTidy them twice.\n',
      },
    ],
  })
  const update = (await invoke('files.submit', { name: 'edited-notes' })) as { id: string; kind: string }
  expect(update.kind).toBe('update')

  await page.goto(spec.serve.url)
  await page.getByTestId('nav-approvals').click()
  await page.locator(`[data-testid="approval-row"][data-approval-id="${update.id}"]`).click()
  const detail = page.getByTestId('approval-detail')
  await expect(detail).toContainText('edited in the SkillDock editor')
  await expect(detail).not.toContainText('a new version from its source')
  await expect(detail.getByTestId('trust-select')).toHaveValue('monitored')
})
