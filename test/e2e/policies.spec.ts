import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { expect, test } from '@playwright/test'
import { connectAgent, serveForSpec } from './serve'

test.describe.configure({ mode: 'serial' })

let agent: Client | null = null
const spec = serveForSpec('skilldock-policies-')
const { cliJson } = spec

test.afterAll(async () => {
  await agent?.close().catch(() => undefined)
})

test('a held MCP call shows on the Approvals page with its arguments and runs once approved', async ({
  page,
}) => {
  cliJson(['policy', 'add', 'unit-converter/convert', '--requires-approval', '--timeout', '2m'])
  agent = await connectAgent(spec.serve, 'e2e-agent')
  const pending = agent.callTool({
    name: 'skill_call',
    arguments: {
      skill: 'unit-converter',
      tool: 'convert',
      arguments: { value: 10, from_unit: 'km', to_unit: 'mi' },
    },
  }) as Promise<CallToolResult>

  await page.goto(spec.serve.url)
  await page.getByTestId('nav-approvals').click()
  const held = page.getByTestId('pending-call')
  await expect(held).toHaveCount(1, { timeout: 20_000 })
  await expect(held).toContainText('unit-converter/convert')
  await expect(held).toContainText('from e2e-agent (mcp)')
  await expect(held).toContainText('"from_unit": "km"')
  await held.getByRole('button', { name: 'Approve call' }).click()
  await expect(held).toHaveCount(0)

  const result = await pending
  expect(result.isError).toBeFalsy()
  expect(JSON.stringify(result.content)).toContain('6.21371')
  expect(cliJson(['calls', 'list'])).toEqual([
    expect.objectContaining({ status: 'approved', decidedBy: 'user' }),
  ])
})

test('the Policies screen lists policies and sets a rate limit the CLI then reports', async ({ page }) => {
  await page.goto(spec.serve.url)
  await page.getByTestId('nav-policies').click()
  await expect(page.getByRole('heading', { name: 'Policies', exact: true })).toBeVisible()
  await expect(page.getByTestId('policy-row')).toContainText('unit-converter/convert')

  await page.getByLabel('For').selectOption('client')
  await page.getByLabel('Client name').fill('e2e-agent')
  await page.getByLabel('Max calls').fill('3')
  await page.getByLabel('Per (e.g. 1m)').fill('1h')
  await page.getByRole('button', { name: 'Set limit' }).click()
  await expect(page.getByTestId('limit-row')).toContainText('client e2e-agent: 3 calls per 3600 s')
  expect(cliJson(['limit', 'list'])).toEqual([
    expect.objectContaining({ scope: 'client', target: 'e2e-agent', maxCalls: 3, windowSeconds: 3600 }),
  ])

  await page.getByLabel('Role name').fill('converters')
  await page.getByLabel(/^Allows/).fill('unit-converter/*')
  await page.getByRole('button', { name: 'Add role' }).click()
  await expect(page.getByTestId('role-row')).toContainText('converters')
  await page.getByLabel('Role of e2e-agent').selectOption('converters')
  await expect
    .poll(() => (cliJson(['role', 'list']) as { clients: string[] }[])[0]?.clients)
    .toEqual(['e2e-agent'])
})
