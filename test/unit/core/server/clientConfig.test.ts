import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { clientConfig } from '../../../../src-main/core/server/clientConfig'

const launch = {
  command: '/usr/bin/node',
  args: ['/app/resources/bin/skilldock.cjs', 'mcp', '--client', 'claude-desktop'],
}
/** Python's own TOML parser (3.11+), so the snippet is checked by a real TOML reader. */
const parseToml = (text: string): unknown =>
  JSON.parse(
    execFileSync(
      'python3',
      ['-c', 'import json, sys, tomllib; print(json.dumps(tomllib.loads(sys.stdin.read())))'],
      {
        input: text,
        encoding: 'utf8',
      },
    ),
  )
const base = { mcpUrl: 'http://127.0.0.1:7545/mcp', launch, token: 'sdk_secret' }

describe('MCP client configuration snippets', () => {
  it('launches skilldock mcp over stdio for Claude Desktop', () => {
    const config = clientConfig({ ...base, client: 'claude-desktop', token: undefined })
    expect(config.format).toBe('json')
    expect(JSON.parse(config.text)).toEqual({
      mcpServers: { skilldock: { command: launch.command, args: launch.args } },
    })
  })

  it('gives HTTP clients the URL and the bearer token', () => {
    const cursor = JSON.parse(clientConfig({ ...base, client: 'cursor' }).text)
    expect(cursor).toEqual({
      mcpServers: { skilldock: { url: base.mcpUrl, headers: { Authorization: 'Bearer sdk_secret' } } },
    })
    const vscode = JSON.parse(clientConfig({ ...base, client: 'vscode' }).text)
    expect(vscode.servers.skilldock).toEqual({
      type: 'http',
      url: base.mcpUrl,
      headers: { Authorization: 'Bearer sdk_secret' },
    })
    const claude = clientConfig({ ...base, client: 'claude-code' })
    expect(claude.format).toBe('shell')
    expect(claude.text.trim()).toBe(
      "claude mcp add --transport http skilldock http://127.0.0.1:7545/mcp --header 'Authorization: Bearer sdk_secret'",
    )
  })

  it('points Codex at an environment variable holding the token', () => {
    const codex = clientConfig({ ...base, client: 'codex' })
    expect(codex.format).toBe('toml')
    expect(codex.text).toContain('export SKILLDOCK_TOKEN=sdk_secret')
    expect(parseToml(codex.text)).toEqual({
      mcp_servers: { skilldock: { url: base.mcpUrl, bearer_token_env_var: 'SKILLDOCK_TOKEN' } },
    })
  })
})
