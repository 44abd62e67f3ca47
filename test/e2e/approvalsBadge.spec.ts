import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { expect, test } from '@playwright/test'
import { connectAgent, serveForSpec } from './serve'

let agent: Client | null = null
const spec = serveForSpec('skilldock-badge-')
const { cliJson } = spec

test.afterAll(async () => {
  await agent?.close().catch(() => undefined)
})

test('the rail badge counts a call held while another screen is open, and drops it once denied', async ({
  page,
}) => {
  cliJson(['policy', 'add', 'unit-converter/convert', '--requires-approval', '--timeout', '2m'])
  await page.goto(spec.serve.url)
  const entry = page.getByTestId('nav-approvals')
  await expect(entry).toHaveAccessibleName('Approvals')
  await expect(page.getByTestId('nav-approvals-count')).toHaveCount(0)

  agent = await connectAgent(spec.serve, 'badge-agent')
  const pending = agent.callTool({
    name: 'skill_call',
    arguments: {
      skill: 'unit-converter',
      tool: 'convert',
      arguments: { value: 1, from_unit: 'km', to_unit: 'm' },
    },
  }) as Promise<CallToolResult>

  // The Skills screen is open: the count arrives with the calls.pending event.
  await expect(page.getByTestId('nav-approvals-count')).toHaveText('1', { timeout: 20_000 })
  await expect(entry).toHaveAccessibleName('Approvals (1 waiting: 1 call)')

  await entry.click()
  await page.getByTestId('pending-call').getByRole('button', { name: 'Deny call' }).click()
  await expect(page.getByTestId('nav-approvals-count')).toHaveCount(0)
  await expect(entry).toHaveAccessibleName('Approvals')
  const result = await pending
  expect(result.isError).toBe(true)
  expect(JSON.stringify(result.content)).toContain('was denied by')
})
