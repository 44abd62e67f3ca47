import { expect, test } from '@playwright/test'
import { cliJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

test('the governance switches change from the Approvals screen, as `skilldock governance` sees them', async ({
  page,
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-approvals').click()
  const switches = page.getByTestId('governance-switches')
  await expect(switches).toBeVisible()
  await expect(page.getByTestId('governance-gapDetection')).toBeChecked()
  await expect(page.getByTestId('governance-reviewFailOpen')).toBeDisabled()

  await page.getByTestId('governance-gapDetection').uncheck()
  await expect(page.getByTestId('governance-gapDetection')).not.toBeChecked()
  await page.getByTestId('governance-selfGeneration').uncheck()
  await expect(page.getByTestId('governance-selfGeneration')).not.toBeChecked()
  await page.getByTestId('governance-llmReview').check()
  await expect(page.getByTestId('governance-reviewFailOpen')).toBeEnabled()
  await page.getByTestId('governance-reviewFailOpen').check()
  await expect(page.getByTestId('governance-reviewFailOpen')).toBeChecked()
  await page.getByTestId('governance-defaultTrust').selectOption('sandboxed')
  await expect(switches).not.toHaveAttribute('aria-busy', 'true')

  await expect
    .poll(() => cliJson(serve.home, ['governance']))
    .toMatchObject({
      gapDetection: false,
      selfGeneration: false,
      defaultTrust: 'sandboxed',
      llmReview: true,
      reviewFailOpen: true,
    })

  // A change made from the CLI shows after a reload.
  cliJson(serve.home, ['governance', '--gap-detection', 'on'])
  await page.reload()
  await page.getByTestId('nav-approvals').click()
  await expect(page.getByTestId('governance-gapDetection')).toBeChecked()
  await expect(page.getByTestId('governance-defaultTrust')).toHaveValue('sandboxed')
})
