import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { cliJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess

// axe is injected as a script; the app's CSP allows only its own scripts.
test.use({ bypassCSP: true })

test.beforeAll(async () => {
  serve = await startServe()
})

test.afterAll(async () => {
  await serve?.stop()
})

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: Array<{ target: string[]; failureSummary?: string }>
}

/** Every screen, what shows it has finished loading, and the tabs inside it to check too. */
const screens: Array<{ hash: string; ready: string; tabs?: string[] }> = [
  { hash: '#/skills', ready: '[data-testid="first-run"]' },
  { hash: '#/skills/text-stats', ready: '[data-testid="skill-detail"]' },
  { hash: '#/approvals', ready: 'main :is(h1, h2, h3)' },
  { hash: '#/sources', ready: '[data-testid="sources-empty"]' },
  { hash: '#/generator', ready: '#generator-intent' },
  { hash: '#/editor', ready: '[data-testid="editor-new-name"]' },
  { hash: '#/editor/text-stats', ready: '[data-testid="code-editor"] .view-lines' },
  { hash: '#/activity', ready: '[data-testid="activity-page"]' },
  { hash: '#/automation', ready: 'main :is(h1, h2, h3)', tabs: ['Jobs', 'Webhooks', 'Compositions'] },
  { hash: '#/policies', ready: 'main :is(h1, h2, h3)' },
  { hash: '#/team', ready: '[data-testid="team-join-url"]' },
  { hash: '#/settings', ready: '[data-testid="endpoint-url"]' },
]

/** Serious and critical axe violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource })
  const violations = (await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }
    ).axe
    const result = (await axe.run(
      // Monaco's own widgets are third-party; everything of ours is checked.
      { exclude: [['.monaco-editor']] },
      { resultTypes: ['violations'] },
    )) as { violations: unknown[] }
    return result.violations
  })) as Violation[]
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .slice(0, 5)
          .map((node) => `  ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
          .join('\n')}`,
    )
}

for (const scheme of ['light', 'dark'] as const) {
  test(`every screen has no serious or critical accessibility violation (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(serve.url)
    await expect(page.getByTestId('skill-row').first()).toBeVisible()
    const found: string[] = []
    for (const screen of screens) {
      await page.evaluate((hash) => {
        ;(globalThis as unknown as { location: { hash: string } }).location.hash = hash
      }, screen.hash)
      // Monaco can take more than the default 5 s to appear on a busy machine.
      await expect(page.locator(screen.ready).first()).toBeVisible({ timeout: 15_000 })
      // Check the content, not the loading placeholders.
      await expect(page.locator('.animate-pulse')).toHaveCount(0)
      for (const violation of await seriousViolations(page)) found.push(`${screen.hash}: ${violation}`)
      for (const tab of screen.tabs ?? []) {
        await page.getByRole('tab', { name: tab }).click()
        await expect(page.getByRole('tabpanel', { name: tab })).toBeVisible()
        await expect(page.locator('.animate-pulse')).toHaveCount(0)
        for (const violation of await seriousViolations(page))
          found.push(`${screen.hash} ${tab}: ${violation}`)
      }
    }
    expect(found).toEqual([])
  })
}

test('a skip link leads past the rail to the skill list', async ({ page }) => {
  await page.goto(serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  const before = new URL(page.url()).hash
  await page.locator('body').press('Tab')
  const skip = page.getByTestId('skip-link')
  await expect(skip).toBeFocused()
  await expect(skip).toBeInViewport()
  await expect(skip).toHaveText('Skip to the main list')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('listbox')).toBeFocused()
  // The route stays where it was: the link moves focus, not the page.
  expect(new URL(page.url()).hash).toBe(before)
})

test('moving between a skill’s tabs does not shift the page sideways', async ({ page }) => {
  // Tall enough that the Overview scrolls and the Activity tab does not.
  await page.setViewportSize({ width: 1280, height: 1100 })
  await page.goto(serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  // Where the skill's page sits: its left and right edges (right-aligned buttons follow the right one).
  const edges: string[] = []
  for (const tab of ['', '/run', '/activity', '']) {
    await page.evaluate((hash) => {
      ;(globalThis as unknown as { location: { hash: string } }).location.hash = hash
    }, `#/skills/text-stats${tab}`)
    const detail = page.getByTestId('skill-detail')
    await expect(detail.locator('h2').first()).toBeVisible()
    await expect(page.locator('.animate-pulse')).toHaveCount(0)
    const box = (await detail.boundingBox())!
    // The width the pane gives its content: it shrinks when a scrollbar appears, which moves
    // everything centred or right-aligned.
    // On desktops with classic scrollbars the width shrinks when one appears; the pane keeps the
    // scrollbar's room (offsetWidth > clientWidth) whether or not this tab scrolls.
    const [room, outer] = await page.locator('#skill-detail-pane').evaluate((pane) => {
      const box = pane as unknown as { clientWidth: number; offsetWidth: number }
      return [box.clientWidth, box.offsetWidth]
    })
    expect(room).toBeLessThan(outer!)
    edges.push(`${Math.round(box.x)}–${Math.round(box.x + box.width)} in ${room}`)
  }
  expect(new Set(edges).size).toBe(1)
})

test('the app has an icon: linked from the page and served, and no favicon request fails', async ({
  page,
}) => {
  const failed: string[] = []
  page.on('response', (response) => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`)
  })
  await page.goto(serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  const href = await page.locator('link[rel="icon"]').getAttribute('href')
  expect(href).toBe('./icon.svg')
  const origin = new URL(serve.url).origin
  const icon = await page.request.get(`${origin}/icon.svg`)
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toBe('image/svg+xml')
  expect(await icon.text()).toContain('<svg')
  const favicon = await page.request.get(`${origin}/favicon.ico`)
  expect(favicon.status()).toBe(200)
  expect(failed).toEqual([])
})

/** A HIGH-risk skill from a local source, waiting in the inbox (once per run). */
let shelf: string | null = null
function riskySourceSkill(): void {
  if (shelf) return
  shelf = mkdtempSync(join(tmpdir(), 'skilldock-a11y-'))
  const dir = join(shelf, 'shell-runner')
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'SKILL.md'),
    '---\nname: shell-runner\ndescription: Runs a shell command. Use when a command must be run.\n' +
      'tools: [run]\n---\n# Shell runner\n',
  )
  writeFileSync(
    join(dir, 'skill.py'),
    [
      'import subprocess',
      '',
      'from skilldock_mcp import FastMCP',
      '',
      'mcp = FastMCP("shell-runner")',
      '',
      '',
      '@mcp.tool()',
      'def run(command: str) -> str:',
      '    """Run a shell command."""',
      '    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout',
      '',
    ].join('\n'),
  )
  cliJson(serve.home, ['source', 'add', 'shelf', shelf, '--type', 'local'])
  cliJson(serve.home, ['source', 'sync', 'shelf'])
}

test.afterAll(() => {
  if (shelf) rmSync(shelf, { recursive: true, force: true })
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screens in use — a risky request with its code open, a source's skills, a skill's Run tab, the palette — have no serious or critical violation (${scheme})`, async ({
    page,
  }) => {
    riskySourceSkill()
    await page.emulateMedia({ colorScheme: scheme })
    await page.goto(serve.url)
    await expect(page.getByTestId('skill-row').first()).toBeVisible()
    const found: string[] = []
    const check = async (where: string) => {
      await expect(page.locator('.animate-pulse')).toHaveCount(0)
      for (const violation of await seriousViolations(page)) found.push(`${where}: ${violation}`)
    }
    const go = (hash: string) =>
      page.evaluate((to) => {
        ;(globalThis as unknown as { location: { hash: string } }).location.hash = to
      }, hash)

    // The request: risk and state badges, the HIGH finding, the code at the finding's line.
    await go('#/approvals')
    await page.locator('[data-testid="approval-row"][data-skill="shell-runner"]').click()
    const detail = page.getByTestId('approval-detail')
    await detail.getByTestId('finding-location').first().click()
    await expect(detail.getByTestId('file-viewer').locator('[aria-current="location"]')).toBeVisible()
    await check('approval request')

    // The source's row and the skills it offered, with their states.
    await go('#/sources/shelf')
    await expect(page.getByTestId('source-skill').first()).toBeVisible()
    await check('source skills')

    // The pending skill's page (its toggle waits for approval) and a skill's Run tab with its form.
    await go('#/skills/shell-runner')
    await expect(page.getByTestId('skill-detail')).toContainText('awaiting approval')
    await check('pending skill')
    // The Overview asks a bundled skill's server for its tools in a new data home; Run then lists them.
    await go('#/skills/text-stats')
    await expect(page.getByTestId('skill-tool').first()).toBeVisible({ timeout: 30_000 })
    await page.getByRole('tab', { name: 'Run' }).click()
    await expect(page.getByTestId('runner-tool-select')).toBeVisible()
    await check('skill Run tab')

    // The command palette with results.
    await page.keyboard.press('Control+k')
    await page.getByTestId('command-input').fill('text')
    await expect(page.getByTestId('command-item').first()).toBeVisible()
    await check('command palette')

    expect(found).toEqual([])
  })
}
