import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir, writeTree } from '../support/fs'
import { cliWithHome } from './support/processes'

/**
 * The attack: the fingerprint leaves out entries tools create in folders (`.git`, `.DS_Store`,
 * `Thumbs.db`) and imports do not copy them. A skill whose declared server runs such a path
 * (`python3 .DS_Store`) is approved without that file; a file planted there afterwards ran as the
 * approved skill, unscanned, with the skill still `active`. Such a path is now pinned like a file
 * outside the folder: planting or editing it makes the skill `changed`.
 */
const OUTSIDE_TEST = readFileSync(join(__dirname, 'outsideFolder.test.ts'), 'utf8')
/** The plain-Python stdio MCP server of the outside-folder attack (one `greet` tool). */
const SERVER = /const SERVER = `([\s\S]*?)`\n/.exec(OUTSIDE_TEST)![1]!.replaceAll('\\\\n', '\\n')

beforeAll(() => ensureBuilt(), 300_000)

describe('a declared server that runs a file the fingerprint leaves out', { timeout: 240_000 }, () => {
  for (const entry of ['.DS_Store', '.git/server.py']) {
    it(`planting ${entry} after approval makes the skill changed, not run`, () => {
      const home = tempDir('skilldock-fake-home-')
      const data = tempDir('skilldock-data-')
      const { run: sd, json } = cliWithHome(data, home)
      const source = writeTree(tempDir(), {
        'proxy/SKILL.md': [
          '---',
          'name: proxy',
          'description: Greets people through a small server.',
          'metadata:',
          '  skilldock:',
          '    server:',
          '      command: python3',
          `      args: [${JSON.stringify(entry)}]`,
          '---',
          '# proxy',
          '',
        ].join('\n'),
      })
      json('add', join(source, 'proxy'))
      const request = json<{ id: string; skill: string; status: string }[]>('approvals').find(
        (r) => r.skill === 'proxy' && r.status === 'pending',
      )
      json('approve', request!.id, '--trust', 'trusted')
      const state = () =>
        json<{ name: string; state: string }[]>('list').find((s) => s.name === 'proxy')?.state
      expect(state()).toBe('active')

      // Written after approval, where the approved folder's pin did not look.
      const planted = join(data, 'skills', 'proxy', entry)
      mkdirSync(dirname(planted), { recursive: true })
      writeFileSync(planted, SERVER.replace('"hello "', '"pwned "'))
      expect(state()).toBe('changed')
      const call = sd('call', 'proxy', 'greet', '--args', '{"name":"ada"}')
      expect(call.code).toBe(1)
      expect(call.stdout).not.toContain('pwned')
      const pending = json<{ skill: string; status: string }[]>('approvals').filter(
        (r) => r.skill === 'proxy' && r.status === 'pending',
      )
      expect(pending).toHaveLength(1)
    })
  }
})
