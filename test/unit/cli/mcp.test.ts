import { join } from 'node:path'
import { expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'
import { describeInTestKeyring } from '../../support/keychain'

/** The CLI stores tokens under the default keychain service: only inside the test keyring session. */
describeInTestKeyring('skilldock clients and mcp-config', () => {
  it('adds, lists and removes clients; the token is printed once', async () => {
    const home = join(tempDir(), 'home')
    const added = await cli(['--home', home, 'clients', 'add', 'cursor-cli', '--mode', 'direct'])
    expect(added.code).toBe(0)
    const token = /\n {2}(sdk_[\w-]{43})\n/.exec(added.stdout)?.[1]
    expect(token).toBeDefined()
    const list = await cli(['--home', home, '--json', 'clients', 'list'])
    expect(list.json()).toEqual([
      { name: 'cursor-cli', mode: 'direct', createdAt: expect.any(String), lastUsedAt: null },
    ])
    expect(list.stdout).not.toContain(token!)
    expect((await cli(['--home', home, 'clients', 'list'])).stdout).toMatch(
      /^NAME\s+MODE\s+CREATED\s+LAST USED\n/,
    )
    const again = await cli(['--home', home, 'clients', 'add', 'cursor-cli'])
    expect(again.code).toBe(1)
    expect(again.stderr).toContain('already exists')
    expect((await cli(['--home', home, 'clients', 'add', 'x', '--mode', 'turbo'])).code).toBe(2)
    expect((await cli(['--home', home, 'clients', 'remove', 'cursor-cli'])).code).toBe(0)
    expect((await cli(['--home', home, '--json', 'clients', 'list'])).json()).toEqual([])
    expect((await cli(['--home', home, 'clients', 'remove', 'cursor-cli'])).code).toBe(1)
  })

  it('prints ready-to-paste configurations', async () => {
    const home = join(tempDir(), 'home')
    const desktop = await cli(['--home', home, 'mcp-config', '--client', 'claude-desktop'])
    expect(desktop.code).toBe(0)
    const server = (JSON.parse(desktop.stdout) as { mcpServers: { skilldock: { args: string[] } } })
      .mcpServers.skilldock
    expect(server.args.slice(1)).toEqual(['mcp', '--client', 'claude-desktop', '--home', home])
    expect(server.args[0]).toMatch(/resources\/bin\/skilldock\.cjs$/)

    const cursor = await cli(['--home', home, '--json', 'mcp-config', '--client', 'cursor'])
    const config = cursor.json() as { format: string; text: string }
    expect(config.format).toBe('json')
    expect(config.text).toContain('http://127.0.0.1:7545/mcp')
    expect(config.text).toMatch(/"Authorization": "Bearer sdk_[\w-]{43}"/)
    // The same client and token next time.
    const second = (
      await cli(['--home', home, '--json', 'mcp-config', '--client', 'cursor'])
    ).json() as typeof config
    expect(second.text).toBe(config.text)
    expect(
      ((await cli(['--home', home, '--json', 'clients', 'list'])).json() as { name: string }[]).map(
        (c) => c.name,
      ),
    ).toEqual(['cursor'])
    expect((await cli(['--home', home, 'mcp-config', '--client', 'emacs'])).code).toBe(2)
  })
})
