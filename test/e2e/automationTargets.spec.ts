import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { cliJson, startServe, type ServeProcess } from './serve'

let serve: ServeProcess
let folder: string

test.beforeAll(async () => {
  serve = await startServe()
  folder = mkdtempSync(join(tmpdir(), 'skilldock-targets-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (folder) rmSync(folder, { recursive: true, force: true })
})

function addSkill(name: string): { approval: { id: string } } {
  mkdirSync(join(folder, name), { recursive: true })
  writeFileSync(
    join(folder, name, 'SKILL.md'),
    `---\nname: ${name}\ndescription: Test skill ${name}. Use when testing.\n---\n# ${name}\n`,
  )
  cliJson(serve.home, ['add', join(folder, name)])
  return cliJson(serve.home, ['show', name]) as { approval: { id: string } }
}

test('the Jobs and Schedules forms offer only callable skills and build arguments from the tool’s schema', async ({
  page,
}) => {
  addSkill('waiting-skill')
  const refused = addSkill('refused-skill')
  cliJson(serve.home, ['reject', refused.approval.id, '--notes', 'not wanted'])

  await page.goto(serve.url)
  await page.getByTestId('nav-automation').click()
  await expect(page.getByText('No schedules.')).toBeVisible()
  for (const prefix of ['schedule', 'job']) {
    if (prefix === 'job') await page.getByRole('tab', { name: 'Jobs' }).click()
    const picker = page.getByTestId(`${prefix}-skill`)
    await expect(picker.locator('option[value="text-stats"]')).toHaveCount(1)
    await expect(picker.locator('option[value="waiting-skill"]')).toHaveCount(0)
    await expect(picker.locator('option[value="refused-skill"]')).toHaveCount(0)
  }

  // The Jobs panel uses the same form: pick the tool, fill its field, enqueue.
  await page.getByTestId('job-skill').selectOption('text-stats')
  await expect(page.getByTestId('job-tool').locator('option[value="top_words"]')).toHaveCount(1, {
    timeout: 30_000,
  })
  await page.getByTestId('job-tool').selectOption('text_statistics')
  const target = page.getByTestId('job-target')
  await expect(target.getByTestId('schema-form')).toBeVisible()
  await target.locator('[data-field="text"]').fill('Jobs are queued. They run.')
  await page.getByRole('button', { name: 'Enqueue' }).click()
  const row = page.getByTestId('job-row').first()
  await expect(row).toContainText('text-stats/text_statistics')
  await expect(row).toContainText('succeeded', { timeout: 30_000 })
})
