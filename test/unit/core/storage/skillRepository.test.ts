import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { AuditRepository } from '../../../../src-main/core/storage/auditRepository'
import { openDatabase } from '../../../../src-main/core/storage/database'
import { SkillRepository } from '../../../../src-main/core/storage/skillRepository'
import { tempDir } from '../../../support/fs'

describe('SkillRepository.writeVersion (what the endpoint caches are keyed on)', () => {
  it('moves with writes to the skill tables and with any write of another process, not with audit lines', async () => {
    const file = join(tempDir(), 'skilldock.db')
    const db = openDatabase({ file })
    const repo = new SkillRepository(db)
    const at = '2026-01-01T00:00:00.000Z'
    const start = repo.writeVersion()
    // Audit lines and call metrics are written on every call: they must not end a cache.
    new AuditRepository(db).append({ actor: 'me', action: 'tool.call', skillName: 'x' }, at)
    expect(repo.writeVersion()).toBe(start)
    // A skill write, even through another repository on the same connection, ends it.
    new SkillRepository(db).setState('x', 'disabled', at)
    const afterSkillWrite = repo.writeVersion()
    expect(afterSkillWrite).not.toBe(start)
    // Another process (its own connection) may have changed anything: that ends it too.
    const other = openDatabase({ file })
    new AuditRepository(other).append({ actor: 'cli', action: 'skill.disable', skillName: 'x' }, at)
    other.close()
    // Another connection's commit is read once per synchronous stretch: the next step sees it.
    await Promise.resolve()
    expect(repo.writeVersion()).not.toBe(afterSkillWrite)
    db.close()
  })
})
