import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serveForSpec, fastMcpScript, writeSkillFolder } from './serve'

const spec = serveForSpec('skilldock-tools-')
const { cliJson } = spec

/** A skill whose tool documents its arguments in a Google-style docstring and ships examples. */
function addRepeatSkill(): void {
  const dir = writeSkillFolder(spec.sources, 'repeat-words', {
    'SKILL.md':
      '---\nname: repeat-words\ndescription: Repeats a word a number of times. Use when a word must be repeated.\n' +
      'tools: [repeat]\n---\n# Repeat words\n\nCall `repeat(word, times)`.\n',
    'skill.py': fastMcpScript([
      'from skilldock_mcp import FastMCP',
      '',
      'mcp = FastMCP("repeat-words")',
      '',
      '',
      '@mcp.tool()',
      'def repeat(word: str, times: int = 2) -> str:',
      '    """Repeat a word.',
      '',
      '    Args:',
      '        word: The word to repeat.',
      '        times: How many times, at least 1.',
      '    """',
      '    return " ".join([word] * times)',
    ]),
  })
  writeFileSync(
    join(dir, 'examples.json'),
    JSON.stringify([{ name: 'Echo three times', tool: 'repeat', arguments: { word: 'echo', times: 3 } }]),
  )
  cliJson(['add', dir])
  const [request] = cliJson(['approvals']) as Array<{ id: string }>
  cliJson(['approve', request!.id, '--trust', 'sandboxed'])
}

test('Overview lists recorded tools with documented fields; Run offers examples and checks arguments', async ({
  page,
}) => {
  addRepeatSkill()
  await page.goto(spec.serve.url)
  await page.getByTestId('skill-search').fill('repeat-words')
  await page.locator('[data-testid="skill-row"][data-skill-name="repeat-words"]').click()
  const skill = page.getByTestId('skill-detail')

  // The tools recorded at approval, with each field's description from the docstring's Args.
  const tool = skill.getByTestId('skill-tool')
  await expect(tool).toHaveCount(1)
  await expect(tool).toContainText('repeat')
  const schema = tool.getByTestId('skill-tool-schema')
  await expect(schema).toContainText('word: string — The word to repeat.')
  await expect(schema).toContainText('times: integer (optional) — How many times, at least 1.')

  await skill.getByTestId('skill-tab-run').click()
  const runner = page.getByTestId('runner')
  await expect(runner.getByTestId('runner-tool-select')).toHaveValue('repeat')
  // Listing the tools started nothing: they come from the record.
  await expect(runner.getByTestId('runner-status')).toHaveAttribute('data-state', 'stopped')
  // The field says what it is for, from the same docstring.
  await expect(runner).toContainText('How many times, at least 1.')

  // A wrong argument is caught before anything is sent.
  await runner.getByTestId('runner-raw-toggle').check()
  await runner.getByTestId('runner-raw-json').fill('{"word": "hi", "times": "many"}')
  await runner.getByTestId('runner-call').click()
  await expect(runner.getByRole('alert')).toContainText('times: Must be an integer, not a string.')
  await expect(runner.getByTestId('runner-result')).toHaveCount(0)
  await runner.getByTestId('runner-raw-toggle').uncheck()

  // One click fills the form from examples.json; the call runs it.
  await runner.getByTestId('runner-example').click()
  await expect(runner.getByLabel(/^word/i)).toHaveValue('echo')
  await expect(runner.getByLabel(/^times/i)).toHaveValue('3')
  await runner.getByTestId('runner-call').click()
  const result = runner.getByTestId('runner-result')
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 30_000 })
  await expect(result.getByTestId('runner-text')).toHaveText('echo echo echo')
})

test('a bundled skill in a new data home shows its tools with their fields without a Refresh', async ({
  page,
}) => {
  await page.goto(spec.serve.url)
  await page.locator('[data-testid="skill-row"][data-skill-name="unit-converter"]').click()
  const skill = page.getByTestId('skill-detail')
  // Nothing was recorded for it yet: the page asks its server once, as "Refresh tools" would.
  const tool = skill.getByTestId('skill-tool').filter({ hasText: 'convert' }).first()
  await expect(tool).toBeVisible({ timeout: 30_000 })
  await expect(tool.getByTestId('skill-tool-schema')).toContainText('value')
})

test('a bundled skill’s Run tab opened straight away in a new data home lists its tools without a Refresh', async ({
  page,
}) => {
  await page.goto(spec.serve.url)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  // Straight to Run (a link, or the tab kept from another skill): the Overview never asked.
  await page.evaluate(() => {
    ;(globalThis as unknown as { location: { hash: string } }).location.hash = '#/skills/json-tools/run'
  })
  const runner = page.getByTestId('runner')
  await expect(runner.getByTestId('runner-tool-select')).toBeVisible({ timeout: 30_000 })
  await expect(runner.getByTestId('runner-tool-select').locator('option[value="json_query"]')).toHaveCount(1)
  await expect(runner).not.toContainText('No tools known yet')
})
