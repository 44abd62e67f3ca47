import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

const cli = (args: string[]): string =>
  execFileSync(
    process.execPath,
    [resolve(__dirname, '../../resources/bin/skilldock.cjs'), '--home', serve.home, ...args],
    { encoding: 'utf8' },
  )

async function openApp(page: Page): Promise<void> {
  await page.goto(serve.url)
  await expect.poll(() => page.url()).not.toContain('token=')
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
}

/** Calls a route the way the UI does, with the page's session token. */
async function invoke(page: Page, route: string, input: unknown): Promise<{ ok: boolean }> {
  return page.evaluate(
    async ({ route, input }) => {
      // Runs in the page; the e2e tsconfig has no DOM types.
      const page = globalThis as unknown as { sessionStorage: { getItem(key: string): string | null } }
      const token = page.sessionStorage.getItem('skilldock.token')
      const response = await fetch(`/api/invoke/${route}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input),
      })
      return (await response.json()) as { ok: boolean }
    },
    { route, input },
  )
}

test('a skill whose description holds an <img onerror> tag shows it as text, in the list and the detail', async ({
  page,
}) => {
  const payload = '<img src=x onerror=alert(1)>'
  const source = mkdtempSync(join(tmpdir(), 'skilldock-xss-'))
  mkdirSync(join(source, 'xss-probe'))
  writeFileSync(
    join(source, 'xss-probe', 'SKILL.md'),
    `---\nname: xss-probe\ndescription: 'Renders ${payload} as plain text.'\n---\n# XSS probe\n\n${payload}\n`,
  )
  cli(['add', join(source, 'xss-probe'), '--json'])

  const dialogs: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await openApp(page)
  await page.getByTestId('skill-search').fill('xss-probe')
  const row = page.locator('[data-testid="skill-row"][data-skill-name="xss-probe"]')
  await expect(row).toContainText(`Renders ${payload} as plain text.`)
  await expect(page.locator('img')).toHaveCount(0)

  await row.click()
  const detail = page.getByTestId('skill-detail')
  await expect(detail).toContainText(`Renders ${payload} as plain text.`)
  await expect(
    page.getByTestId('skill-instructions').getByRole('heading', { name: 'XSS probe' }),
  ).toBeVisible()
  await expect(page.locator('img')).toHaveCount(0)
  await expect(page.locator('[onerror]')).toHaveCount(0)

  // The palette lists it by name as text too.
  await page.keyboard.press('Control+k')
  await page.getByTestId('command-input').fill('xss-probe')
  await expect(page.getByTestId('command-item').first()).toHaveText(/xss-probe/)
  await expect(page.locator('img')).toHaveCount(0)
  await page.keyboard.press('Escape')
  expect(dialogs).toEqual([])
})

/** A small Python skill in a temp folder: one tool that upper-cases its text. */
function writeShoutSkill(): string {
  const source = mkdtempSync(join(tmpdir(), 'skilldock-shout-'))
  mkdirSync(join(source, 'shout'))
  writeFileSync(
    join(source, 'shout', 'SKILL.md'),
    '---\nname: shout\ndescription: Upper-cases text.\ntools: [shout]\n---\n# Shout\n\nCall shout.\n',
  )
  writeFileSync(
    join(source, 'shout', 'skill.py'),
    [
      'try:',
      '    from mcp.server.fastmcp import FastMCP',
      'except ImportError:',
      '    from skilldock_mcp import FastMCP',
      '',
      'mcp = FastMCP("shout")',
      '',
      '@mcp.tool()',
      'def shout(text: str) -> str:',
      '    """Upper-cases the text."""',
      '    return text.upper()',
      '',
      'if __name__ == "__main__":',
      '    mcp.run()',
      '',
    ].join('\n'),
  )
  return join(source, 'shout')
}

test('the palette moves between screens and the Activity screen shows a tool call as it happens', async ({
  page,
}) => {
  await openApp(page)
  // A monitored skill: every call it serves is audited.
  expect((await invoke(page, 'skills.add', { path: writeShoutSkill() })).ok).toBe(true)
  const pending = (await invoke(page, 'approvals.list', { status: 'pending' })) as unknown as {
    data: Array<{ id: string; skill: string }>
  }
  const request = pending.data.find((approval) => approval.skill === 'shout')
  expect(request).toBeDefined()
  expect(
    (await invoke(page, 'approvals.decide', { id: request?.id, approve: true, trust: 'monitored' })).ok,
  ).toBe(true)

  await page.keyboard.press('Control+k')
  await expect(page.getByTestId('command-palette')).toBeVisible()
  await page.getByTestId('command-input').fill('activity')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/activity$/)
  await expect(page.getByTestId('activity-page')).toBeVisible()
  await expect(page.getByTestId('command-palette')).toHaveCount(0)
  await expect(page.locator('[data-testid="activity-row"][data-action="approval.approve"]')).toHaveCount(1)

  const calls = page.locator('[data-testid="activity-row"][data-action="tool.call"][data-skill="shout"]')
  await expect(calls).toHaveCount(0)
  const result = await invoke(page, 'runtime.call', {
    name: 'shout',
    tool: 'shout',
    arguments: { text: 'hi' },
  })
  expect(result.ok).toBe(true)

  // No reload: the core's activity event brings the line in.
  await expect(calls).toHaveCount(1)
  await expect(calls.first()).toContainText('shout')
  await expect(calls.first().getByTestId('activity-outcome')).toHaveText('ok')

  await page.getByTestId('activity-filter-outcome').fill('error')
  await expect(page.getByTestId('activity-empty')).toBeVisible()
  await page.getByTestId('activity-filter-outcome').fill('')
  await expect(calls).toHaveCount(1)

  // g s goes to Skills; the skill's Activity tab charts the call and lists its tool.
  await page.getByRole('heading', { name: 'Activity' }).click()
  await page.keyboard.press('g')
  await page.keyboard.press('s')
  await expect(page).toHaveURL(/#\/skills$/)
  await page.goto(`${new URL(serve.url).origin}/#/skills/shout/activity`)
  const panel = page.getByTestId('skill-activity')
  await expect(panel.getByTestId('chart-bar').first()).toBeAttached()
  await expect(panel.getByTestId('skill-tool-metric')).toContainText('shout')
  await expect(panel.getByTestId('skill-tool-metric').locator('td').nth(1)).toHaveText('1')
})

test('an MCP client’s token is shown once at creation, and its config snippet is ready to copy', async ({
  page,
}) => {
  await openApp(page)
  await page.getByTestId('nav-settings').click()
  const endpoint = page.getByTestId('settings-endpoint')
  await expect(endpoint.getByTestId('endpoint-url')).toHaveText(serve.mcpUrl)
  await expect(endpoint.getByTestId('endpoint-status')).toContainText('listening')

  await endpoint.getByTestId('endpoint-client-name').fill('e2e-agent')
  await endpoint.getByTestId('endpoint-client-create').click()
  const token = (await endpoint.getByTestId('endpoint-token-value').textContent()) ?? ''
  expect(token).toMatch(/^sdk_/)
  await expect(endpoint.locator('[data-testid="endpoint-client"][data-name="e2e-agent"]')).toBeVisible()
  expect(cli(['clients', 'list'])).toContain('e2e-agent')

  await endpoint.getByRole('button', { name: 'Done' }).click()
  await expect(endpoint.getByTestId('endpoint-token')).toHaveCount(0)
  expect(await page.content()).not.toContain(token)

  await endpoint.getByTestId('snippet-cursor').click()
  await expect(endpoint.getByTestId('snippet-text')).toContainText(serve.mcpUrl)

  page.on('dialog', (dialog) => void dialog.accept())
  await endpoint
    .locator('[data-testid="endpoint-client"][data-name="e2e-agent"]')
    .getByRole('button', { name: /Revoke/ })
    .click()
  await expect(endpoint.locator('[data-testid="endpoint-client"][data-name="e2e-agent"]')).toHaveCount(0)
})

test('a skill credential is stored from Settings and is absent from the page afterwards', async ({
  page,
}) => {
  const secret = 'cred-e2e-5f1d2a9c7b'
  await openApp(page)
  await page.getByTestId('nav-settings').click()
  const panel = page.getByTestId('settings-credentials')
  await panel.getByTestId('credentials-skill').selectOption('text-stats')
  await expect(panel.getByTestId('credentials-none')).toBeVisible()
  await panel.getByTestId('credential-name').fill('DEMO_TOKEN')
  const value = panel.getByTestId('credential-value')
  await expect(value).toHaveAttribute('type', 'password')
  await value.fill(secret)
  await panel.getByTestId('credential-save').click()
  await expect(panel.getByTestId('credential-saved')).toContainText('DEMO_TOKEN stored in the keychain')
  await expect(panel.locator('[data-testid="credential-row"][data-name="DEMO_TOKEN"]')).toContainText(
    'stored',
  )
  await expect(panel.getByTestId('credential-value')).toHaveValue('')

  expect(await page.content()).not.toContain(secret)
  const values = await page
    .locator('input')
    .evaluateAll((inputs) => inputs.map((input) => (input as unknown as { value: string }).value))
  expect(values.join('\n')).not.toContain(secret)
  expect(cli(['secrets', 'list', 'text-stats'])).toContain('DEMO_TOKEN')
})
