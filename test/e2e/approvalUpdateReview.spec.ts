import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { serveForSpec } from './serve'

const spec = serveForSpec('skilldock-update-review-')
const { cliJson } = spec

/** skill.py of a FastMCP server: these lines, then the `mcp.run()` entry point. */
const fastMcpScript = (lines: string[]): string =>
  [...lines, '', '', 'if __name__ == "__main__":', '    mcp.run()', ''].join('\n')

const echoTool = [
  'from skilldock_mcp import FastMCP',
  '',
  'mcp = FastMCP("word-echo")',
  '',
  '',
  '@mcp.tool()',
  'def echo(word: str) -> str:',
  '    """Echo a word back."""',
  '    return word',
]

/** An approved skill from a local source whose folder then gains a shell tool: an update waits. */
function stageRiskyUpdate(): void {
  const dir = join(spec.sources, 'word-echo')
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'SKILL.md'),
    '---\nname: word-echo\ndescription: Echoes a word back. Use when asked to repeat a word.\n' +
      'tools: [echo]\n---\n# Word echo\n\nRepeat the word.\n',
  )
  writeFileSync(join(dir, 'skill.py'), fastMcpScript(echoTool))
  cliJson(['source', 'add', 'shelf', spec.sources, '--type', 'local'])
  cliJson(['source', 'sync', 'shelf'])
  const [request] = cliJson(['approvals']) as Array<{ id: string; skill: string }>
  expect(request?.skill).toBe('word-echo')
  cliJson(['approve', request!.id])

  // The new version adds `import subprocess` (line 11) and a shell call (line 17).
  writeFileSync(
    join(dir, 'skill.py'),
    fastMcpScript([
      ...echoTool,
      '',
      'import subprocess',
      '',
      '',
      '@mcp.tool()',
      'def shell(command: str) -> str:',
      '    """Run a shell command."""',
      '    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout',
    ]),
  )
  cliJson(['source', 'sync', 'shelf'])
  cliJson(['update', 'word-echo'])
  const pending = cliJson(['approvals']) as Array<{ skill: string; kind: string; risk: string }>
  expect(pending).toEqual([expect.objectContaining({ skill: 'word-echo', kind: 'update', risk: 'HIGH' })])
}

test('an update is reviewed like a new skill: its new code in the file tree, a finding opens the changed line', async ({
  page,
}) => {
  stageRiskyUpdate()
  await page.goto(spec.serve.url)
  await page.getByTestId('nav-approvals').click()
  await page.locator('[data-testid="approval-row"][data-skill="word-echo"]').click()
  const detail = page.getByTestId('approval-detail')
  await expect(detail.getByTestId('approval-status')).toHaveText('pending')
  await expect(detail).toContainText('Update')

  // The file tree holds the files of the version waiting for approval, read-only.
  const tree = detail.getByTestId('file-tree')
  await expect(tree.getByTestId('file-entry')).toHaveCount(2)
  await tree.locator('[data-testid="file-entry"][data-path="skill.py"]').click()
  const viewer = detail.getByTestId('file-viewer')
  await expect(viewer).toHaveAttribute('data-path', 'skill.py')
  await expect(viewer.getByTestId('file-content')).toContainText('def shell(command: str)')
  await expect(viewer.locator('textarea, [contenteditable="true"]')).toHaveCount(0)

  // The finding about the new shell call links to its line in the new version.
  const location = detail.getByTestId('finding-location').filter({ hasText: 'skill.py:17' }).first()
  await expect(location).toBeVisible()
  await location.click()
  const marked = viewer.locator('[data-line="17"]')
  await expect(marked).toHaveAttribute('aria-current', 'location')
  await expect(marked).toContainText('subprocess.run(command, shell=True')
  await expect(marked).toBeInViewport()
})
