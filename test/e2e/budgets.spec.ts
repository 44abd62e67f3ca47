import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

/** Today as the budget counts it: the local calendar day. */
function today(): string {
  const now = new Date()
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

test('the generator page shows the model budgets and what has been spent', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-generator').click()
  const budgets = page.getByTestId('budgets')
  await expect(budgets.getByTestId('budget-request')).toContainText('limit 60,000 tokens')
  await expect(budgets.getByTestId('budget-request')).toContainText('no model request yet')
  await expect(budgets.getByTestId('budget-daily')).toContainText('0 of 500,000 tokens')
  await expect(budgets.getByTestId('budget-monthly')).toContainText('0 of 10,000,000 tokens')

  // Tokens spent by an earlier routing request (the usage file the CLI and the app share).
  const day = today()
  mkdirSync(join(serve.home, 'generator'), { recursive: true })
  writeFileSync(
    join(serve.home, 'generator', 'llm-usage.json'),
    JSON.stringify({
      day,
      tokens: 1200,
      month: day.slice(0, 7),
      monthTokens: 48000,
      last: { tokens: 420, at: new Date().toISOString(), purpose: 'routing request' },
    }),
  )
  await page.reload()
  await expect(budgets.getByTestId('budget-request')).toContainText('last: 420 (routing request')
  await expect(budgets.getByTestId('budget-daily')).toContainText('1,200 of 500,000 tokens')
  await expect(budgets.getByTestId('budget-monthly')).toContainText('48,000 of 10,000,000 tokens')
})
