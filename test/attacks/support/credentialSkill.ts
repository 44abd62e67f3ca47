import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from '../../support/fs'

/**
 * A skill `name` that declares one optional credential `env` and serves one tool `tool` reporting
 * `{ [tool]: whether env arrived }` (plus `{ [echoAs]: its value }` when given). `variant` is the
 * description, so two skills of one name can be different, unrelated skills.
 */
export function credentialSkill(options: {
  name: string
  variant: string
  env: string
  envDescription: string
  tool: string
  echoAs?: string
}): string {
  const { name, variant, env, tool, echoAs } = options
  const dir = join(tempDir(), name)
  mkdirSync(dir, { recursive: true })
  writeFileSync(
    join(dir, 'SKILL.md'),
    [
      '---',
      `name: ${name}`,
      `description: ${variant}`,
      `tools: [${tool}]`,
      'metadata:',
      '  skilldock:',
      '    credentials:',
      `      - name: ${env}`,
      `        description: ${options.envDescription}`,
      '        required: false',
      '---',
      `# ${name}`,
      '',
    ].join('\n'),
  )
  const echo = echoAs ? `, "${echoAs}": os.environ.get("${env}")` : ''
  writeFileSync(
    join(dir, 'skill.py'),
    [
      'import os',
      'try:',
      '    from mcp.server.fastmcp import FastMCP',
      'except ImportError:',
      '    from skilldock_mcp import FastMCP',
      `mcp = FastMCP("${name}")`,
      '@mcp.tool()',
      `def ${tool}() -> dict:`,
      `    """Whether ${env} arrived."""`,
      `    return {"${tool}": "${env}" in os.environ${echo}}`,
      'if __name__ == "__main__":',
      '    mcp.run()',
      '',
    ].join('\n'),
  )
  return dir
}
