import { appendFileSync, cpSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const root = resolve(__dirname, '../..')

/** The skill's state as stored, read without SkillDock (no pin check runs). */
function storedState(home: string, name: string): string | undefined {
  const db = new Database(join(home, 'skilldock.db'), { readonly: true })
  try {
    return (db.prepare('SELECT state FROM skills WHERE name = ?').get(name) as { state: string } | undefined)
      ?.state
  } finally {
    db.close()
  }
}

describe('the folder watcher of serve and the desktop app', () => {
  it('starts after start-up yet still catches an edit made before it was watching', async () => {
    const home = tempDir('skilldock-watch-home-')
    const source = join(tempDir(), 'tidy-notes')
    cpSync(join(root, 'test/fixtures/governance/tidy-notes'), source, { recursive: true })
    const first = makeCore({ home })
    await first.call('skills.add', { path: source })
    const [request] = await first.call('approvals.list', { status: 'pending' })
    await first.call('approvals.decide', { id: request!.id, approve: true, trust: 'trusted' })
    await first.core.dispose()
    expect(storedState(home, 'tidy-notes')).toBe('active')

    // A new serve opens the home; the edit lands before its watcher has started.
    const served = makeCore({ home, watch: true })
    appendFileSync(join(home, 'skills', 'tidy-notes', 'skill.py'), '\n# edited outside SkillDock\n')
    await expect.poll(() => storedState(home, 'tidy-notes'), { timeout: 10_000 }).toBe('changed')
    await served.core.dispose()
  })
})
