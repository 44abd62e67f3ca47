import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { cliJson, startServe, type ServeProcess, fastMcpScript, writeSkillFolder } from './serve'

/**
 * Screenshots of every main screen in light and dark, for review (git-ignored). The screens are
 * the navigation rail's links, so screens added later are included without touching this file.
 */
const SHOTS = join(__dirname, 'screenshots')

let serve: ServeProcess
let sources: string | null = null
let shelfAdded = false

test.beforeAll(async () => {
  serve = await startServe()
  mkdirSync(SHOTS, { recursive: true })
})

test.afterAll(async () => {
  await serve?.stop()
  if (sources) rmSync(sources, { recursive: true, force: true })
})

/** A new skill waiting for review (once per run), so the Approvals shot shows a request and its code. */
function pendingSkill(): void {
  if (sources) return
  sources = mkdtempSync(join(tmpdir(), 'skilldock-shots-'))
  const dir = writeSkillFolder(sources, 'csv-peek', {
    'SKILL.md':
      '---\nname: csv-peek\ndescription: Shows the first rows of a CSV file. Use when the user asks what a CSV holds.\n' +
      'tools: [peek]\n---\n# CSV peek\n\nShow the header and the first rows as a table.\n',
    'skill.py': fastMcpScript([
      'import csv',
      '',
      'from skilldock_mcp import FastMCP',
      '',
      'mcp = FastMCP("csv-peek")',
      '',
      '',
      '@mcp.tool()',
      'def peek(path: str, rows: int = 5) -> list:',
      '    """The first rows of a CSV file.',
      '',
      '    Args:',
      '        path: The CSV file to read.',
      '        rows: How many rows to show.',
      '    """',
      '    with open(path, newline="") as f:',
      '        return [row for _, row in zip(range(rows + 1), csv.reader(f))]',
    ]),
  })
  cliJson(serve.home, ['add', dir])
}

/** Screens that look empty until something is picked: what to pick so the shot shows the screen in use. */
const prepare: Record<string, (page: Page) => Promise<void>> = {
  skills: async (page) => {
    await page.locator('[data-testid="skill-row"][data-skill-name="text-stats"]').click()
  },
  approvals: async (page) => {
    pendingSkill()
    await page.reload()
    await page.locator('[data-testid="approval-row"][data-skill="csv-peek"]').click()
    const detail = page.getByTestId('approval-detail')
    await detail.locator('[data-testid="file-entry"][data-path="skill.py"]').click()
    await expect(detail.getByTestId('file-content')).toContainText('csv.reader')
    // The colours arrive after the text (the tokenizer loads lazily): shoot the highlighted code.
    await expect(detail.locator('[data-line="1"] span.text-accent').first()).toHaveText('import', {
      timeout: 15_000,
    })
    // Tall enough for the request, its findings and the file review in one shot.
    await page.setViewportSize({ width: 1280, height: 1280 })
    await detail.getByTestId('approval-status').scrollIntoViewIfNeeded()
  },
  sources: async (page) => {
    pendingSkill()
    if (!shelfAdded) {
      cliJson(serve.home, ['source', 'add', 'team-shelf', sources!, '--type', 'local', '--pick'])
      cliJson(serve.home, ['source', 'sync', 'team-shelf'])
      shelfAdded = true
    }
    await page.reload()
    await expect(page.getByTestId('nav-sources')).toBeVisible()
  },
}

async function shoot(page: Page, name: string, theme: string): Promise<void> {
  const file = join(SHOTS, `${name}-${theme}.png`)
  await page.screenshot({ path: file })
  expect(statSync(file).size).toBeGreaterThan(5_000)
}

for (const theme of ['light', 'dark'] as const) {
  test(`every main screen renders in ${theme} mode`, async ({ page }) => {
    const errors: string[] = []
    page.on('pageerror', (error) => errors.push(error.message))
    await page.emulateMedia({ colorScheme: theme })
    await page.goto(serve.url)

    // The theme follows the OS: the page's background differs between light and dark.
    const background = String(
      await page.evaluate(
        "getComputedStyle(document.querySelector('.bg-app') ?? document.body).backgroundColor",
      ),
    )
    const [r = 0, g = 0, b = 0] = background.match(/\d+/g)?.map(Number) ?? []
    const brightness = (r + g + b) / 3
    expect(theme === 'dark' ? brightness < 100 : brightness > 150, `${theme} background ${background}`).toBe(
      true,
    )

    const rail = page.getByRole('navigation', { name: 'Main' }).getByRole('link')
    await expect(rail.first()).toBeVisible()
    const screens = await rail.evaluateAll((links) =>
      links.map((link) => ({ href: link.getAttribute('href') ?? '', label: link.textContent?.trim() ?? '' })),
    )
    expect(screens.length).toBeGreaterThanOrEqual(6)

    for (const screen of screens) {
      const id = screen.href.replace(/^#\/?/, '').split('/')[0] || 'home'
      await rail.filter({ hasText: screen.label }).first().click()
      await expect(
        page.getByRole('navigation', { name: 'Main' }).locator('[aria-current="page"]'),
      ).toContainText(screen.label)
      await page.setViewportSize({ width: 1280, height: 720 })
      await prepare[id]?.(page)
      // The link just clicked keeps focus and the pointer (and their highlight) otherwise.
      await page
        .locator(':focus')
        .evaluateAll((els) => els.forEach((el) => (el as { blur?: () => void }).blur?.()))
      await page.mouse.move(1279, 0)
      const main = page.getByRole('main')
      await expect(main.getByRole('heading').first(), `${screen.label} shows a heading`).toBeVisible()
      await expect(page.getByTestId('error-boundary')).toHaveCount(0)
      await shoot(page, id, theme)
    }

    // The editor with a skill open (Monaco loaded, the problems list filled in).
    await page.goto(new URL('#/editor/text-stats', serve.url).href)
    await expect(page.getByTestId('code-editor').locator('.view-lines')).toContainText('name: text-stats')
    await expect(page.getByTestId('editor-status')).toHaveText('Valid')
    await page
      .locator(':focus')
      .evaluateAll((els) => els.forEach((el) => (el as { blur?: () => void }).blur?.()))
    await expect(page.getByText('No problems.')).toBeVisible()
    await page.mouse.move(1279, 0)
    await shoot(page, 'editor-skill', theme)

    expect(errors).toEqual([])
  })
}
