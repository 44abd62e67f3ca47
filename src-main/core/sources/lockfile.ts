import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { z } from 'zod'
import { SourceType, SyncItemStatus } from '../../contract/sources'
import { AppError } from '../base/appError'

/** One installed skill as the lockfile records it. */
export const LockEntry = z.object({
  source: z.string(),
  sourceType: SourceType,
  url: z.string(),
  ref: z.string().nullable(),
  commit: z.string().nullable(),
  archiveSha256: z.string().nullable(),
  /** Path of the skill folder inside the fetched source. */
  path: z.string(),
  /** Fingerprint of the files SkillDock installed (a library copy that differs was edited locally). */
  fingerprint: z.string(),
  installedAt: z.string(),
  approvedFingerprint: z.string().nullable(),
  /** Upstream fingerprint at the last sync, when it differs from the installed one. */
  upstreamFingerprint: z.string().nullable(),
  status: SyncItemStatus,
})
export type LockEntry = z.infer<typeof LockEntry>

const LockDocument = z.object({ version: z.literal(1), skills: z.record(z.string(), LockEntry) })
export type LockDocument = z.infer<typeof LockDocument>

/** `skilldock.lock.json`: what was installed from where, written atomically (temp file + rename). */
export class Lockfile {
  constructor(private readonly file: string) {}

  read(): LockDocument {
    if (!existsSync(this.file)) return { version: 1, skills: {} }
    try {
      return LockDocument.parse(JSON.parse(readFileSync(this.file, 'utf8')))
    } catch (err) {
      throw new AppError(
        'CONFLICT',
        `${this.file} is damaged (${err instanceof Error ? err.message.slice(0, 200) : ''}); fix or delete it and sync again.`,
      )
    }
  }

  write(doc: LockDocument): void {
    const sorted: LockDocument = {
      version: 1,
      skills: Object.fromEntries(Object.entries(doc.skills).sort(([a], [b]) => a.localeCompare(b))),
    }
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`
    writeFileSync(temp, JSON.stringify(sorted, null, 2) + '\n', { mode: 0o600 })
    renameSync(temp, this.file)
  }

  /** Reads, changes and writes back in one step. */
  update(change: (doc: LockDocument) => void): LockDocument {
    const doc = this.read()
    change(doc)
    this.write(doc)
    return doc
  }
}
