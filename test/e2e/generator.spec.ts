import { expect, test } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

test('an offline template stays a draft for its author: its test fails and nothing goes to the inbox', async ({
  page,
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-generator').click()
  await expect(page.getByTestId('generator-provider')).toContainText('offline template')

  await page.getByTestId('generator-intent').fill('Convert CSV text into a Markdown table')
  await page.getByTestId('generator-submit').click()

  await expect(page.getByTestId('generator-stages')).toBeVisible()
  const outcome = page.getByTestId('generator-outcome')
  await expect(outcome).toHaveAttribute('data-outcome', 'failed', { timeout: 60_000 })
  await expect(page.getByTestId('generator-reason')).toContainText('not sent to the approval inbox')
  await expect(outcome).toContainText('only raise NotImplementedError')
  await expect(page.locator('[data-testid="generator-stage"][data-stage="validating"]')).toHaveAttribute(
    'data-state',
    'done',
  )
})

test('stores a provider key in Settings and never leaves it in the page', async ({ page }) => {
  const secret = 'sk-e2e-secret-4f1c9a7b2d'
  await page.goto(serve.url)
  await page.getByTestId('nav-settings').click()

  await page.getByTestId('llm-provider').selectOption('openai-compatible')
  await page.getByTestId('llm-base-url').fill('http://127.0.0.1:9/v1')
  await page.getByTestId('llm-model').fill('test-model')
  await page.getByTestId('llm-save').click()
  await expect(page.getByText('Saved.')).toBeVisible()

  const key = page.getByTestId('llm-key')
  await expect(key).toHaveAttribute('type', 'password')
  await key.fill(secret)
  await page.getByTestId('llm-key-save').click()
  await expect(page.getByTestId('llm-key-status')).toHaveText('key stored in the keychain')
  await expect(page.getByTestId('llm-key')).toHaveValue('')

  expect(await page.content()).not.toContain(secret)
  const values = await page
    .locator('input')
    .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))
  expect(values.join('\n')).not.toContain(secret)

  // The generator now names the provider in use.
  await page.getByTestId('nav-generator').click()
  await expect(page.getByTestId('generator-provider')).toContainText('OpenAI-compatible')
})
