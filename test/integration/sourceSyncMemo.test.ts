import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { tempDir, writeSkill } from '../support/fs'

/**
 * A re-sync skips reading a folder whose files have the stat signature they had at the last sync
 * (sizes, mtimes, ctimes, inodes). These check that the shortcut never hides a change.
 */
describe('re-sync of a local source with the stat memo', () => {
  it('finds a same-size edit whose mtime was set back (ctime still moves), and only that one', async () => {
    const folder = tempDir('memo-source-')
    for (const name of ['alpha', 'bravo', 'charlie']) writeSkill(folder, name, `Does ${name} things.`)
    // A whole-second mtime, so setting it back later restores it exactly.
    const file = join(folder, 'bravo', 'SKILL.md')
    utimesSync(file, 1_700_000_000, 1_700_000_000)
    const t = makeCore()
    await t.call('repos.add', { name: 'memo', url: folder, type: 'local' })
    const [first] = await t.call('repos.sync', { name: 'memo' })
    expect(first!.items.map((i) => i.status)).toEqual(['installed', 'installed', 'installed'])

    // Same length, same mtime: only the content (and the ctime, which only root can set) differ.
    const before = statSync(file)
    const text = readFileSync(file, 'utf8')
    writeFileSync(file, text.replace('Does bravo things.', 'Does BRAVO things.'))
    utimesSync(file, 1_700_000_000, 1_700_000_000)
    expect(statSync(file).size).toBe(before.size)
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs)

    const [second] = await t.call('repos.sync', { name: 'memo' })
    const status = Object.fromEntries(second!.items.map((i) => [i.name, i.status]))
    expect(status).toEqual({ alpha: 'unchanged', bravo: 'update-available', charlie: 'unchanged' })
  })

  it('sees a file added to a skill, and a skill added to the source, after a sync that read nothing', async () => {
    const folder = tempDir('memo-source-')
    writeSkill(folder, 'alpha', 'Does alpha things.')
    const t = makeCore()
    await t.call('repos.add', { name: 'memo', url: folder, type: 'local' })
    await t.call('repos.sync', { name: 'memo' })
    const [unchanged] = await t.call('repos.sync', { name: 'memo' })
    expect(unchanged!.items.map((i) => i.status)).toEqual(['unchanged'])

    writeFileSync(join(folder, 'alpha', 'NOTES.md'), '# New notes\n')
    writeSkill(folder, 'delta', 'Does delta things.')
    const [next] = await t.call('repos.sync', { name: 'memo' })
    const status = Object.fromEntries(next!.items.map((i) => [i.name, i.status]))
    expect(status).toEqual({ alpha: 'update-available', delta: 'installed' })
  })
})
