import { spawnSync } from 'node:child_process'
import { existsSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, skilldockBin } from '../support/build'
import { tempDir, writeTree } from '../support/fs'
import { callTool, connect, text } from '../support/mcp'

/**
 * The attack: any MCP client asks the bundled, `trusted` file readers for the person's secrets:
 * csv-profiler for ~/.ssh/id_ed25519, sqlite-reader for SkillDock's own database (client token hashes).
 * Bundled skills now run in the OS sandbox too: the user's files stay readable (that is what they are
 * for), but never the data home, keyrings or credential files, and no network.
 *
 * The secrets are planted in a HOME this test makes; `skilldock mcp` runs as its own process with it.
 */
const KEY =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAACANARY-ssh-key\n-----END OPENSSH PRIVATE KEY-----\n'

function setUp() {
  const home = writeTree(tempDir('skilldock-fake-home-'), {
    '.ssh/id_ed25519': KEY,
    '.aws/credentials': 'key,value\naws_secret_access_key,CANARY-aws\n',
    '.local/share/keyrings/login.keyring': 'name,secret\nlogin,CANARY-keyring\n',
    'Documents/sales.csv': 'region,total\nnorth,42\nsouth,17\n',
  })
  const data = tempDir('skilldock-data-')
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' }
  // Creates the data home and its database (with a client token, whose hash lands in it).
  const made = spawnSync(process.execPath, [skilldockBin, '--home', data, 'list', '--json'], {
    env,
    encoding: 'utf8',
  })
  expect(made.status, made.stderr).toBe(0)
  return { home, data, env }
}

async function mcpClient(data: string, env: Record<string, string>) {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [skilldockBin, '--home', data, 'mcp'],
    env,
    stderr: 'ignore',
  })
  return connect(transport, 'curious-client')
}

beforeAll(() => ensureBuilt(), 300_000)

describe('bundled file-reading skills asked for secrets over MCP', { timeout: 240_000 }, () => {
  it('csv-profiler cannot read ~/.ssh, ~/.aws or the keyrings; a normal CSV still profiles', async () => {
    const { home, data, env } = setUp()
    const client = await mcpClient(data, env)
    try {
      for (const path of [
        '~/.ssh/id_ed25519',
        join(home, '.aws/credentials'),
        '~/.local/share/keyrings/login.keyring',
      ]) {
        const result = await callTool(client, 'skill_call', {
          skill: 'csv-profiler',
          tool: 'preview_csv',
          arguments: { path, has_header: false },
        })
        expect(text(result)).not.toContain('CANARY')
        expect(text(result)).not.toContain('PRIVATE KEY')
        expect(result.isError, `${path}: ${text(result)}`).toBe(true)
      }
      const profiled = await callTool(client, 'skill_call', {
        skill: 'csv-profiler',
        tool: 'profile_csv',
        arguments: { path: '~/Documents/sales.csv' },
      })
      expect(profiled.isError, text(profiled)).toBeFalsy()
      expect(text(profiled)).toContain('region')
      expect(text(profiled)).toMatch(/"rows":\s*2\b/)
    } finally {
      await client.close()
    }
  })

  it("sqlite-reader cannot open SkillDock's own database (client token hashes)", async () => {
    const { data, env } = setUp()
    // It is there (and the skill could open it, were it not confined).
    expect(existsSync(join(data, 'skilldock.db'))).toBe(true)
    const client = await mcpClient(data, env)
    try {
      for (const tool of ['list_tables', 'query']) {
        const args =
          tool === 'query'
            ? { path: join(data, 'skilldock.db'), sql: 'SELECT * FROM clients' }
            : { path: join(data, 'skilldock.db') }
        const result = await callTool(client, 'skill_call', { skill: 'sqlite-reader', tool, arguments: args })
        expect(result.isError, text(result)).toBe(true)
        expect(text(result)).not.toMatch(/clients|token_hash|approvals/)
      }
    } finally {
      await client.close()
    }
  })

  it('refuses with SANDBOX_UNAVAILABLE, never unconfined, when bubblewrap is missing', () => {
    const { data, env } = setUp()
    // A PATH with python3 and nothing else: no bwrap, socat or rg.
    const bin = tempDir('skilldock-bin-')
    const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' })
    symlinkSync(python.stdout.trim(), join(bin, 'python3'))
    const args = JSON.stringify({ path: '~/.ssh/id_ed25519', has_header: false })
    const run = spawnSync(
      process.execPath,
      [skilldockBin, '--home', data, 'call', 'csv-profiler', 'preview_csv', '--args', args, '--json'],
      { env: { ...env, PATH: bin }, encoding: 'utf8' },
    )
    expect(run.status).toBe(1)
    expect(run.stdout).not.toContain('CANARY')
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'SANDBOX_UNAVAILABLE' } })
  })
})
