import { expect, test } from '@playwright/test'
import { serveForSpec, fastMcpScript, writeSkillFolder } from './serve'

const spec = serveForSpec('skilldock-approvals-')
const { cliJson } = spec

/** A small skill with a Python server that uses the official SDK when present, else the bundled kit. */
function writeTidySkill(): string {
  const dir = writeSkillFolder(spec.sources, 'tidy-lines', {
    'SKILL.md':
      '---\nname: tidy-lines\ndescription: Trims trailing spaces and drops blank lines from text. Use when text ' +
      'needs cleaning up.\ntools: [tidy]\n---\n# Tidy lines\n\nCall `tidy(text)`; it returns the cleaned text.\n',
    'skill.py': fastMcpScript([
      'try:',
      '    from mcp.server.fastmcp import FastMCP',
      'except ImportError:',
      '    from skilldock_mcp import FastMCP',
      '',
      'mcp = FastMCP("tidy-lines")',
      '',
      '',
      '@mcp.tool()',
      'def tidy(text: str) -> str:',
      '    """Trim trailing spaces and drop blank lines."""',
      '    return "\\n".join(line.rstrip() for line in text.splitlines() if line.strip())',
    ]),
  })
  return dir
}

test('approves a new skill from the inbox, then runs its tool from the generated form', async ({ page }) => {
  const added = cliJson(['add', writeTidySkill()]) as { skills: Array<{ name: string; state: string }> }
  expect(added.skills).toEqual([expect.objectContaining({ name: 'tidy-lines', state: 'pending' })])

  await page.goto(spec.serve.url)
  await expect(page.getByTestId('nav-approvals-count')).toHaveText('1')

  // The inbox lists the request; open it.
  await page.getByTestId('nav-approvals').click()
  const row = page.locator('[data-testid="approval-row"][data-skill="tidy-lines"]')
  await expect(row).toBeVisible()
  await expect(row).toContainText('LOW')
  await row.click()
  const detail = page.getByTestId('approval-detail')
  await expect(detail).toContainText('tidy-lines')
  await expect(detail.getByTestId('approval-status')).toHaveText('pending')

  // Approve at sandboxed trust.
  await detail.getByTestId('trust-select').selectOption('sandboxed')
  await detail.getByTestId('approve-button').click()
  await expect(detail.getByTestId('approval-status')).toHaveText('approved')
  await expect(detail.getByTestId('decision-summary')).toContainText('sandboxed')
  await expect(page.getByTestId('nav-approvals-count')).toHaveCount(0)
  expect((cliJson(['show', 'tidy-lines']) as { state: string; trust: string }).trust).toBe('sandboxed')

  // The skill is active in the browser.
  await page.getByTestId('nav-skills').click()
  await page.getByTestId('skill-search').fill('tidy-lines')
  const skillRow = page.locator('[data-testid="skill-row"][data-skill-name="tidy-lines"]')
  await expect(skillRow.getByTestId('skill-state-badge')).toHaveText('active')
  await skillRow.click()
  const skill = page.getByTestId('skill-detail')
  await expect(skill.getByTestId('skill-approval')).toContainText('approved')
  await expect(skill.getByTestId('pinned-fingerprint')).toContainText(/sha256:[0-9a-f]{64}/)

  // Run panel: pick the tool, fill the generated form, call, see the result.
  await skill.getByTestId('skill-tab-run').click()
  const runner = page.getByTestId('runner')
  await expect(runner.getByTestId('runner-status')).toBeVisible()
  const toolSelect = runner.getByTestId('runner-tool-select')
  // Approval normally caches the served tools; if it could not, ask the server for them.
  const noTools = runner.getByText(/No tools known yet/)
  await expect(toolSelect.or(noTools)).toBeVisible()
  if (await noTools.isVisible()) await runner.getByRole('button', { name: 'Refresh tools' }).click()
  await expect(toolSelect).toHaveValue('tidy')
  await runner.getByLabel(/^text/i).fill('first line   \n\n\nsecond line  ')
  await runner.getByTestId('runner-call').click()
  const result = runner.getByTestId('runner-result')
  await expect(result).toHaveAttribute('data-outcome', 'ok', { timeout: 30_000 })
  await expect(result.getByTestId('runner-text')).toHaveText('first line\nsecond line')
  await expect(result.getByTestId('runner-duration')).toHaveText(/\d+(\.\d)? (ms|s)/)
  await expect(runner.getByTestId('runner-status')).toHaveAttribute('data-state', 'running')
})
