import { expect, type Page } from '@playwright/test'

/** Finds `from` with Monaco's find widget and types `to` over it, as a person would. */
export async function replaceText(page: Page, from: string, to: string): Promise<void> {
  await page.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Control+f')
  const find = page.locator('.monaco-editor .find-widget textarea, .monaco-editor .find-widget input').first()
  await find.fill(from)
  await expect(page.locator('.monaco-editor .find-widget .matchesCount')).toHaveText(/^1 of 1$/)
  await page.keyboard.press('Escape')
  await page.keyboard.type(to)
}
