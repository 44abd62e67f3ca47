import { expect, test } from '@playwright/test'
import { cliJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

const clientNames = (): string[] =>
  (cliJson(serve.home, ['clients', 'list']) as Array<{ name: string }>).map((client) => client.name)

test('looking at client configurations creates nothing; a token is made only when asked, for that client', async ({
  page,
}) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  await page.getByTestId('nav-settings').click()

  // The endpoint and its clients lead the page.
  const firstSection = page.locator('main section').first()
  await expect(firstSection).toHaveAttribute('data-testid', 'settings-endpoint')
  const endpoint = page.getByTestId('settings-endpoint')
  await expect(endpoint.getByTestId('endpoint-url')).toHaveText(serve.mcpUrl)

  for (const [kind, label] of [
    ['cursor', 'Cursor'],
    ['claude-code', 'Claude Code'],
    ['vscode', 'VS Code'],
    ['codex', 'Codex'],
  ] as const) {
    await endpoint.getByTestId(`snippet-${kind}`).click()
    await expect(endpoint.getByTestId('snippet-text')).toContainText('<token>')
    await expect(endpoint.getByTestId('snippet-create-token')).toHaveText(`Create a token for ${label}`)
  }
  await expect(endpoint.getByTestId('endpoint-clients')).toHaveCount(0)
  expect(clientNames()).toEqual([])

  // Asking for Cursor's token makes one client, named for it, and shows its token once.
  await endpoint.getByTestId('snippet-cursor').click()
  await endpoint.getByTestId('snippet-create-token').click()
  const banner = endpoint.getByTestId('endpoint-token')
  await expect(banner).toContainText('Token for Cursor (SkillDock client “cursor”)')
  const token = (await banner.getByTestId('endpoint-token-value').textContent()) ?? ''
  expect(token).toMatch(/^sdk_/)
  await expect(endpoint.getByTestId('snippet-text')).toContainText(token)
  await expect(endpoint.locator('[data-testid="endpoint-client"][data-name="cursor"]')).toBeVisible()
  expect(clientNames()).toEqual(['cursor'])

  // Done forgets it: the page goes back to the placeholder.
  await banner.getByRole('button', { name: 'Done' }).click()
  await expect(endpoint.getByTestId('endpoint-token')).toHaveCount(0)
  await expect(endpoint.getByTestId('snippet-text')).toContainText('<token>')
  expect(await page.content()).not.toContain(token)
  await expect(endpoint.getByTestId('snippet-create-token')).toHaveText('Show the token for Cursor')

  // Other tabs still create nothing.
  await endpoint.getByTestId('snippet-vscode').click()
  await expect(endpoint.getByTestId('snippet-text')).toContainText('<token>')
  expect(clientNames()).toEqual(['cursor'])
})
