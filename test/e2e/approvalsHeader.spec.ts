import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serveForSpec } from './serve'

const spec = serveForSpec('skilldock-approvals-header-')
const { cliJson } = spec

/** An approved skill with a weak description, and an optimize proposal staged for it. */
function stageOptimizeProposal(): string {
  const dir = join(spec.sources, 'greeter')
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'SKILL.md'),
    '---\nname: greeter\ndescription: Does a thing with names.\n---\n# greeter\n\nSay hello to a person.\n',
  )
  cliJson(['add', dir])
  const [request] = cliJson(['approvals']) as Array<{ id: string; skill: string }>
  expect(request?.skill).toBe('greeter')
  cliJson(['approve', request!.id])
  // Two queries for greeter and one for no skill.
  const golden = join(__dirname, '..', 'fixtures', 'optimize', 'greeter-golden.json')
  const variants = join(spec.sources, 'variants.txt')
  writeFileSync(
    variants,
    'Greets people by name and says hello. Use when asked to greet someone or say hello.\n',
  )
  const proposed = cliJson(['optimize', 'greeter', '--golden', golden, '--variant-file', variants]) as {
    approvalId: string | null
  }
  expect(proposed.approvalId).toBeTruthy()
  return proposed.approvalId!
}

test('the Governance link stays clickable with a request open, and a staged proposal shows its proposed files', async ({
  page,
}) => {
  const id = stageOptimizeProposal()
  await page.setViewportSize({ width: 1400, height: 900 })
  await page.goto(spec.serve.url)
  await page.getByTestId('nav-approvals').click()
  await page.getByText('greeter', { exact: true }).first().click()
  await expect(page).toHaveURL(new RegExp(`#/approvals/${id}`))

  // The Files list is the proposal itself (what approving installs), and the reviewer is told so.
  await expect(page.getByTestId('approval-staged')).toContainText('Approving applies the changes below')
  await expect(page.getByTestId('staged-files-note')).toContainText('proposed files: what approving installs')
  await page.locator('[data-testid="file-entry"][data-path="SKILL.md"]').click()
  const content = page.getByTestId('file-content')
  await expect(content).toContainText('Greets people by name and says hello.')
  await expect(content).not.toContainText('Does a thing with names.')

  // The link sat under the detail pane (the header row overflowed 340 px): a click must reach it.
  await page.getByRole('link', { name: 'Governance' }).click({ timeout: 5_000 })
  await expect(page.getByRole('heading', { name: 'Governance' })).toBeVisible()
  await expect(page.getByRole('radio', { name: /Semi-automatic/ })).toBeChecked()
})
