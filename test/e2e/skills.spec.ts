import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

const cliJson = (args: string[]): unknown =>
  JSON.parse(
    execFileSync(
      process.execPath,
      [resolve(__dirname, '../../resources/bin/skilldock.cjs'), '--home', serve.home, ...args, '--json'],
      {
        encoding: 'utf8',
      },
    ),
  )

test('opens the skill browser, searches, and reads a skill’s rendered instructions', async ({ page }) => {
  await page.goto(serve.url)
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
  await page.goto(serve.url)
  await page.getByTestId('skill-search').fill('needs tool')
  const row = page.locator('[data-testid="skill-row"][data-skill-name="needs-tool"]')
  await expect(row).toBeVisible()
  await row.click()
  await expect(page.getByTestId('skill-detail')).toContainText('needs `definitely-missing-tool` on PATH')
})

test('disabling a skill in the UI is seen by the CLI', async ({ page }) => {
  await page.goto(serve.url)
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

test('refuses the API without the token', async ({ request }) => {
  const origin = new URL(serve.url).origin
  const reply = await request.post(`${origin}/api/invoke/skills.list`, { data: {} })
  expect(reply.status()).toBe(401)
})
