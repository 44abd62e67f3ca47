import { join } from 'node:path'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { beforeAll, describe, expect, it } from 'vitest'
import { desktopMcpLauncher, MCP_STDIO_FLAG, mcpStdioArgs } from '../../../src-main/electron/mcpStdio'
import { ensureBuilt, skilldockBin } from '../../support/build'
import { makeCore } from '../../support/core'
import { tempDir } from '../../support/fs'
import { connect } from '../../support/mcp'

const packagedExe = '/opt/SkillDock/skilldock'
const packaged = { isPackaged: true, execPath: packagedExe, appPath: '/opt/SkillDock/resources/app.asar' }

/** The claude-desktop snippet of a desktop core (one with the app's launcher). */
async function desktopSnippet(home: string) {
  const t = makeCore({ home, mcpLauncher: desktopMcpLauncher(packaged) })
  const config = await t.call('mcp.config', { client: 'claude-desktop' })
  return (JSON.parse(config.text) as { mcpServers: { skilldock: Record<string, unknown> } }).mcpServers
    .skilldock
}

describe('the packaged app as an MCP stdio server (ELECTRON_RUN_AS_NODE is fused off)', () => {
  it('the mcp-config snippet starts the app executable with --mcp-stdio, and sets no environment', async () => {
    const home = join(tempDir(), 'home')
    const server = await desktopSnippet(home)
    expect(server).toEqual({
      command: packagedExe,
      args: [MCP_STDIO_FLAG, '--client', 'claude-desktop', '--home', home],
    })
    expect(JSON.stringify(server)).not.toContain('ELECTRON_RUN_AS_NODE')
  })

  it('unpackaged (npm start), Electron is given the app folder first', () => {
    expect(desktopMcpLauncher({ ...packaged, isPackaged: false, appPath: '/src/skilldock' })).toEqual({
      command: packagedExe,
      args: ['/src/skilldock', MCP_STDIO_FLAG],
    })
  })

  it('the entry turns --mcp-stdio into `skilldock mcp`, and a normal start into none', () => {
    expect(mcpStdioArgs([packagedExe])).toBeNull()
    expect(mcpStdioArgs([packagedExe, 'skilldock://install?x=1'])).toBeNull()
    expect(mcpStdioArgs([packagedExe, MCP_STDIO_FLAG])).toEqual(['mcp'])
    expect(mcpStdioArgs([packagedExe, MCP_STDIO_FLAG, '--client', 'claude-desktop', '--home', '/h'])).toEqual(
      ['mcp', '--client', 'claude-desktop', '--home', '/h'],
    )
    expect(mcpStdioArgs(['/usr/bin/electron', '/src/skilldock', MCP_STDIO_FLAG, '--client', 'c'])).toEqual([
      'mcp',
      '--client',
      'c',
    ])
  })

  it('the entry refuses anything but --client and --home after --mcp-stdio (whoever starts the app gets MCP, not the CLI)', () => {
    for (const rest of [
      ['serve'],
      ['--client'],
      ['--client', '--home', '/h'],
      ['--json'],
      ['--token-stdin', 'x'],
    ]) {
      expect(() => mcpStdioArgs([packagedExe, MCP_STDIO_FLAG, ...rest]), rest.join(' ')).toThrow(
        /takes only --client <name> and --home <dir>/,
      )
    }
  })

  describe('the snippet, through the entry’s argument handling, serves MCP on stdio', () => {
    beforeAll(() => ensureBuilt(), 300_000)

    it('an MCP client using the snippet gets a working server', async () => {
      const home = join(tempDir(), 'home')
      const server = (await desktopSnippet(home)) as { command: string; args: string[] }
      // What the app's main entry runs for this command line (the Electron binary is not available
      // here, so the same CLI runs under Node).
      const args = mcpStdioArgs([server.command, ...server.args])!
      const client = await connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [skilldockBin, ...args],
          env: { ...process.env, SKILLDOCK_HOME: '' } as Record<string, string>,
          stderr: 'ignore',
        }),
      )
      const { tools } = await client.listTools()
      expect(tools.length).toBeGreaterThan(0)
      // A cold start of the built CLI on a busy machine can be slow; this is not about speed.
    }, 120_000)
  })
})
