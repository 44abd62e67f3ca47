import { createHmac } from 'node:crypto'
import { expect, type Page, test } from '@playwright/test'
import { serveForSpec } from './serve'

test.describe.configure({ mode: 'serial' })

const spec = serveForSpec()
const { cliJson } = spec

/** Picks a skill in a picker, waits for its tools (its server may start), then picks a tool. */
async function pickTool(page: Page, prefix: string, skill: string, tool: string) {
  await page.getByTestId(`${prefix}-skill`).selectOption(skill)
  await expect(page.getByTestId(`${prefix}-tool`).locator(`option[value="${tool}"]`)).toHaveCount(1, {
    timeout: 30_000,
  })
  await page.getByTestId(`${prefix}-tool`).selectOption(tool)
}

test('adds a schedule on the Automation screen and lists it with its next run', async ({ page }) => {
  await page.goto(spec.serve.url)
  await page.getByTestId('nav-automation').click()
  await expect(page.getByText('No schedules.')).toBeVisible()
  await expect(page.getByRole('button', { name: 'Add schedule' })).toBeDisabled()
  await pickTool(page, 'schedule', 'text-stats', 'text_statistics')
  // The arguments are a form from the tool's input schema, not raw JSON.
  await expect(page.getByTestId('schedule-args')).toHaveCount(0)
  await page.getByTestId('schedule-target').locator('[data-field="text"]').fill('One two. Three.')
  await page.getByTestId('schedule-every').fill('2h')
  await page.getByRole('button', { name: 'Add schedule' }).click()

  const row = page.getByTestId('schedule-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('text-stats/text_statistics')
  await expect(row).toContainText('every 2h')
  await expect(row).toContainText('not run yet')
  const [listed] = cliJson(['schedule', 'list']) as Array<{
    everySeconds: number
    nextRunAt: string
    arguments: unknown
  }>
  expect(listed?.everySeconds).toBe(7200)
  expect(listed?.arguments).toEqual({ text: 'One two. Three.' })
  expect(Date.parse(listed!.nextRunAt) - Date.now()).toBeGreaterThan(7000_000)
})

test('adds a webhook, shows its secret once, and the signed URL runs the tool', async ({ page }) => {
  await page.goto(spec.serve.url)
  await page.getByTestId('nav-automation').click()
  await page.getByRole('tab', { name: 'Webhooks' }).click()
  await expect(page.getByText('No webhooks.')).toBeVisible()
  await page.getByTestId('webhook-id').fill('inbox')
  await pickTool(page, 'webhook', 'text-stats', 'text_statistics')
  await page.getByRole('button', { name: 'Add webhook' }).click()

  const secret = (await page.getByTestId('webhook-secret-value').textContent()) ?? ''
  expect(secret.length).toBeGreaterThan(20)
  const row = page.getByTestId('webhook-row')
  await expect(row).toHaveCount(1)
  await expect(row).toContainText('POST /hooks/inbox')
  await expect(row).toContainText('never called')
  await page.getByTestId('webhook-secret').getByRole('button', { name: 'Done' }).click()
  await expect(page.getByTestId('webhook-secret')).toHaveCount(0)
  expect(await page.content()).not.toContain(secret)

  // The secret the page showed signs requests to the hook.
  const body = JSON.stringify({ text: 'Signed and delivered.' })
  const t = Math.floor(Date.now() / 1000)
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')
  const response = await fetch(new URL('/hooks/inbox', spec.serve.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'skilldock-signature': `t=${t},v1=${mac}` },
    body,
  })
  expect(response.status).toBe(200)
  expect(JSON.stringify(await response.json())).toContain('"words":3')

  await page.reload()
  await page.getByRole('tab', { name: 'Webhooks' }).click()
  await expect(page.getByTestId('webhook-row')).toContainText('last called')
})
