import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { SyncReport } from '../../src-main/contract/sources'
import { type RunningServer, startServer } from '../../src-main/http/server'
import { makeCore } from '../support/core'
import { frontmatterOnDisk, mcpCore } from '../support/mcp'
import { MemorySecretStore } from '../support/memorySecrets'

const servers: RunningServer[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

describe('one SkillDock as the MCP source of another', () => {
  it('imports skills with nested metadata as they are in the serving folder, every file verified', async () => {
    // The serving SkillDock: field-notes nests a list in `metadata`, so it is published with a
    // flattened SKILL.md (what a SEP-2640 entry can carry); the importer turns it back.
    const peer = mcpCore()
    const server = await startServer({ core: peer.core, port: 0, uiDir: null })
    servers.push(server)
    const { token } = await peer.call('clients.add', { name: 'importer' })

    const secrets = new MemorySecretStore()
    await secrets.set('repo:peer', 'token', token)
    const t = makeCore({ secrets })
    await t.call('repos.add', { name: 'peer', url: server.mcpUrl, type: 'mcp', allowLocal: true })
    const report: SyncReport[] = await t.call('repos.sync', { name: 'peer' })
    expect(report[0]!.items.map((i) => [i.name, i.status]).sort()).toEqual([
      ['field-notes', 'installed'],
      ['text-stats', 'installed'],
      ['unit-converter', 'installed'],
    ])
    const imported = join(t.home, 'skills', 'field-notes')
    const original = join(peer.builtin, 'field-notes')
    expect(frontmatterOnDisk(join(imported, 'SKILL.md'))).toEqual(
      frontmatterOnDisk(join(original, 'SKILL.md')),
    )
    expect(frontmatterOnDisk(join(imported, 'SKILL.md'))).toMatchObject({ metadata: { levels: [1, 2] } })
    for (const file of ['references/GUIDE.md', 'assets/bom.txt', 'assets/logo.png']) {
      expect(readFileSync(join(imported, file)).equals(readFileSync(join(original, file)))).toBe(true)
    }
  }, 60_000)
})
