import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, expect, it } from 'vitest'
import { runtimeCore } from '../support/runtimeCore'

const others: Database.Database[] = []
afterEach(() => {
  for (const db of others.splice(0)) db.close()
})

/**
 * The attack: serve is busy — another client's call has just read the database's `data_version` —
 * when the owner switches a skill off from another process (here: another connection to the same
 * database, which SQLite's `data_version` cannot tell from another process). A call that arrives
 * after that commit is "the very next call" the README's security model promises to refuse; a
 * cached `data_version` must not let it run on the row as it was before.
 */
it('a call that arrives after another process disabled the skill is refused, even while serve is busy', async () => {
  const t = runtimeCore(['echo'])
  const other = new Database(join(t.home, 'skilldock.db'))
  others.push(other)
  other.pragma('busy_timeout = 5000')
  const setState = (state: string) =>
    other.prepare('UPDATE skills SET state = ? WHERE name = ?').run(state, 'echo')
  const echo = (text: string) => t.raw('runtime.call', { name: 'echo', tool: 'echo', arguments: { text } })

  let ran = 0
  for (let i = 0; i < 40; i++) {
    setState('builtin')
    await new Promise((r) => setTimeout(r, 5))
    expect((await echo('warm')).ok).toBe(true)
    // Another client's call is under way (it has looked at the database) ...
    const busy = echo('busy')
    await Promise.resolve()
    // ... when the owner's disable commits; then the next call arrives.
    setState('disabled')
    const next = await echo('after disable')
    await busy
    if (next.ok) ran++
  }
  expect(ran, 'calls that ran on a skill disabled before they arrived').toBe(0)
}, 120_000)
