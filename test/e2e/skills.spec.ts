import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serveForSpec } from './serve'

const spec = serveForSpec()
const { cliJson } = spec

test('opens the skill browser, searches, and reads a skill’s rendered instructions', async ({ page }) => {
  await page.goto(spec.serve.url)
  // The token leaves the address bar once the page has it.
  await expect.poll(() => page.url()).not.toContain('token=')

  const rows = page.getByTestId('skill-row')
  await expect(rows.first()).toBeVisible()
  expect(await rows.count()).toBeGreaterThanOrEqual(6)

  await page.getByTestId('skill-search').fill('csv columns')
  await expect(rows.first()).toHaveAttribute('data-skill-name', 'csv-profiler')

  await rows.first().click()
  const detail = page.getByTestId('skill-detail')
  await expect(detail).toContainText('csv-profiler')
  const instructions = page.getByTestId('skill-instructions')
  await expect(instructions.getByRole('heading', { name: 'CSV profiler' })).toBeVisible()
  await expect(instructions.getByRole('heading', { name: 'When to use' })).toBeVisible()
  // Markdown is rendered, not shown as source.
  await expect(instructions).not.toContainText('## When to use')
  await expect(detail).toContainText(/sha256:[0-9a-f]{64}/)
})

test('shows why a gated skill cannot run here', async ({ page }) => {
  const source = mkdtempSync(join(tmpdir(), 'skilldock-gated-'))
  mkdirSync(join(source, 'needs-tool'))
  writeFileSync(
    join(source, 'needs-tool', 'SKILL.md'),
    '---\nname: needs-tool\ndescription: Needs a tool nobody has.\nmetadata:\n  openclaw:\n    requires:\n' +
      '      bins: [definitely-missing-tool]\n---\n# Needs tool\n',
  )
  cliJson(['add', join(source, 'needs-tool')])
  await page.goto(spec.serve.url)
  await page.getByTestId('skill-search').fill('needs tool')
  const row = page.locator('[data-testid="skill-row"][data-skill-name="needs-tool"]')
  await expect(row).toBeVisible()
  await row.click()
  await expect(page.getByTestId('skill-detail')).toContainText('needs `definitely-missing-tool` on PATH')
})

test('filters the browser by eligibility and source, with a badge saying why a skill is gated', async ({
  page,
}) => {
  const source = mkdtempSync(join(tmpdir(), 'skilldock-filter-'))
  mkdirSync(join(source, 'gated-filter'))
  writeFileSync(
    join(source, 'gated-filter', 'SKILL.md'),
    '---\nname: gated-filter\ndescription: Needs a tool nobody has either.\nmetadata:\n  openclaw:\n' +
      '    requires:\n      bins: [another-missing-tool]\n---\n# Gated filter\n',
  )
  cliJson(['add', join(source, 'gated-filter')])
  const shown = cliJson(['show', 'gated-filter']) as { source: string }
  await page.goto(spec.serve.url)
  const rows = page.getByTestId('skill-row')
  await expect(rows.first()).toBeVisible()
  const all = await rows.count()

  await page.getByTestId('skill-filter-runs-here').selectOption('gated')
  const gatedRow = page.locator('[data-testid="skill-row"][data-skill-name="gated-filter"]')
  await expect(gatedRow.getByTestId('skill-gated-badge')).toHaveAttribute('title', /another-missing-tool/)
  expect(await rows.count()).toBeLessThan(all)
  for (const badge of await rows.all()) await expect(badge.getByTestId('skill-gated-badge')).toBeVisible()

  await page.getByTestId('skill-filter-runs-here').selectOption('')
  await page.getByTestId('skill-filter-source').selectOption(shown.source)
  await expect(gatedRow).toBeVisible()
  await expect(rows.filter({ hasText: 'text-stats' })).toHaveCount(0)

  await page.getByTestId('skill-filters-clear').click()
  await expect(rows).toHaveCount(all)
})

test('disabling a skill in the UI is seen by the CLI', async ({ page }) => {
  await page.goto(spec.serve.url)
  await page.getByTestId('skill-search').fill('text-stats')
  await page.locator('[data-testid="skill-row"][data-skill-name="text-stats"]').click()
  const toggle = page.getByTestId('enable-toggle')
  await expect(toggle).toBeVisible()
  await toggle.click()
  await expect(page.getByTestId('skill-detail').getByTestId('skill-state-badge')).toHaveText(/disabled/i)
  const skill = (cliJson(['show', 'text-stats']) as { state: string }).state
  expect(skill).toBe('disabled')
  await toggle.click()
  await expect(page.getByTestId('skill-detail').getByTestId('skill-state-badge')).toHaveText(/builtin/i)
})

test('test-runs a bundled skill: starts its server, calls a tool from the form, and replays the call', async ({
  page,
}) => {
  await page.goto(spec.serve.url)
  await page.getByTestId('skill-search').fill('text-stats')
  await page.locator('[data-testid="skill-row"][data-skill-name="text-stats"]').click()
  const skill = page.getByTestId('skill-detail')

  await skill.getByTestId('skill-tab-run').click()
  const runner = page.getByTestId('runner')
  // Opening the page of a bundled skill with no tools recorded asks its server for them, which
  // starts it: Start is then disabled, and the server is already on its way up.
  await expect(runner.getByTestId('runner-status')).not.toHaveAttribute('data-state', 'unknown')
  const start = runner.getByTestId('runner-start')
  if (await start.isEnabled()) await start.click()
  await expect(runner.getByTestId('runner-status')).toHaveAttribute('data-state', 'running', {
    timeout: 30_000,
  })

  const toolSelect = runner.getByTestId('runner-tool-select')
  const noTools = runner.getByText(/No tools known yet/)
  await expect(toolSelect.or(noTools)).toBeVisible()
  if (await noTools.isVisible()) await runner.getByRole('button', { name: 'Refresh tools' }).click()
  await toolSelect.selectOption('top_words')
  await runner.getByLabel(/^text/i).fill('apple banana apple cherry apple banana')
  await runner.getByLabel(/^top/i).fill('2')
  await runner.getByTestId('runner-call').click()
  const result = runner.getByTestId('runner-result')
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 30_000 })
  await expect(result).toContainText('apple')
  await expect(result).toContainText('banana')
  await expect(result).not.toContainText('cherry')
  await expect(result.getByTestId('runner-duration')).toHaveText(/\d+(\.\d)? (ms|s)/)

  const history = runner.getByTestId('runner-history-item')
  await expect(history).toHaveCount(1)
  await runner.getByTestId('runner-replay').first().click()
  await expect(history).toHaveCount(2)
  await expect(history.first()).toContainText('top_words')
  await expect(runner.getByTestId('runner-result')).toHaveAttribute('data-outcome', 'ok')

  // Once the server has run, the overview lists its tools with their input schemas.
  await skill.getByTestId('skill-tab-overview').click()
  const topWords = skill.getByTestId('skill-tool').filter({ hasText: 'top_words' })
  await expect(topWords.getByTestId('skill-tool-schema')).toContainText('text: string')
  await expect(topWords.getByTestId('skill-tool-schema')).toContainText('top: integer (optional)')
})

test('refuses the API without the token', async ({ request }) => {
  const origin = new URL(spec.serve.url).origin
  const reply = await request.post(`${origin}/api/invoke/skills.list`, { data: {} })
  expect(reply.status()).toBe(401)
})
