import { mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test, type Page } from '@playwright/test'
import { startServe, type ServeProcess } from './serve'

/**
 * Screenshots of every main screen in light and dark, for review (git-ignored). The screens are
 * the navigation rail's links, so screens added later are included without touching this file.
 */
const SHOTS = join(__dirname, 'screenshots')

let serve: ServeProcess

test.beforeAll(async () => {
  serve = await startServe()
  mkdirSync(SHOTS, { recursive: true })
})

test.afterAll(async () => {
  await serve?.stop()
})

/** Screens that look empty until something is picked: what to pick so the shot shows the screen in use. */
const prepare: Record<string, (page: Page) => Promise<void>> = {
  skills: async (page) => {
    await page.locator('[data-testid="skill-row"][data-skill-name="text-stats"]').click()
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
      await prepare[id]?.(page)
      const main = page.getByRole('main')
      await expect(main.getByRole('heading').first(), `${screen.label} shows a heading`).toBeVisible()
      await expect(page.getByTestId('error-boundary')).toHaveCount(0)
      await shoot(page, id, theme)
    }

    // The editor with a skill open (Monaco loaded, the problems list filled in).
    await page.goto(new URL('#/editor/text-stats', serve.url).href)
    await expect(page.getByTestId('code-editor').locator('.view-lines')).toContainText('name: text-stats')
    await expect(page.getByTestId('editor-status')).toHaveText('Valid')
    await shoot(page, 'editor-skill', theme)

    expect(errors).toEqual([])
  })
}
