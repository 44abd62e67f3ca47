import { expect, test, type Page } from '@playwright/test'
import { cliJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

const step = (page: Page, id: string) => page.locator(`[data-testid="first-run-step"][data-step="${id}"]`)

async function backToSkills(page: Page): Promise<void> {
  await page.getByTestId('nav-skills').click()
  await expect(page.getByTestId('first-run')).toBeVisible()
}

test('the empty detail pane is a three-step checklist that ticks itself as each step is done', async ({
  page,
}) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('first-run')).toBeVisible()
  await expect(page.getByTestId('first-run-step')).toHaveCount(3)
  for (const id of ['add', 'approve', 'connect'])
    await expect(step(page, id)).toHaveAttribute('data-done', 'false')

  // Each step links to its screen.
  await step(page, 'connect').getByRole('link', { name: 'Open Settings' }).click()
  await expect.poll(() => page.url()).toContain('#/settings')
  await backToSkills(page)
  await step(page, 'approve').getByRole('link', { name: 'Open Approvals' }).click()
  await expect.poll(() => page.url()).toContain('#/approvals')
  await backToSkills(page)

  // 1. "Add skill" on the Skills screen opens the add dialog; a pasted SKILL.md is imported.
  await page.getByTestId('skills-add').click()
  const dialog = page.getByTestId('add-source-dialog')
  await expect(dialog).toBeVisible()
  await dialog
    .getByTestId('source-location')
    .fill('---\nname: first-notes\ndescription: Takes notes. Use when asked to note things.\n---\n# Notes\n')
  await dialog.getByTestId('source-add-submit').click()
  await expect(dialog.getByTestId('import-result')).toContainText('first-notes')
  await dialog.getByTestId('import-result-done').click()
  await backToSkills(page)
  await expect(step(page, 'add')).toHaveAttribute('data-done', 'true')
  await expect(step(page, 'approve')).toHaveAttribute('data-done', 'false')
  await expect(step(page, 'approve')).toContainText('1 request waiting')

  // 2. Approved (here through the CLI, as a person at a terminal would).
  const shown = cliJson(serve.home, ['show', 'first-notes']) as { approval: { id: string } }
  cliJson(serve.home, ['approve', shown.approval.id])
  await page.getByTestId('nav-sources').click()
  await backToSkills(page)
  await expect(step(page, 'approve')).toHaveAttribute('data-done', 'true')
  await expect(step(page, 'connect')).toHaveAttribute('data-done', 'false')

  // 3. A client with a token connects to the endpoint.
  const client = cliJson(serve.home, ['clients', 'add', 'first-agent']) as { token: string }
  const response = await fetch(serve.mcpUrl, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${client.token}`,
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'initialize',
      params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'e2e', version: '1' } },
    }),
  })
  expect(response.status).toBe(200)
  await page.getByTestId('nav-sources').click()
  await backToSkills(page)
  await expect(step(page, 'connect')).toHaveAttribute('data-done', 'true')
  await expect(page.getByTestId('first-run')).toContainText('You are set up')
})
