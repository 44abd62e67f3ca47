import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Logger } from '../base/logger'

interface Entry {
  pid: number
  skill: string
  /** A string the process's command line contains, so a recycled pid is never killed by mistake. */
  marker: string
}

/**
 * Records the process group of every running skill in a file, so that a SkillDock that was
 * killed leaves nothing behind: the next start kills whatever is still recorded.
 */
export class PidRegistry {
  private entries = new Map<number, Entry>()

  constructor(
    private readonly file: string,
    private readonly logger: Logger,
  ) {}

  /** Kills leftovers of an earlier run; returns how many were found still running. */
  reapLeftovers(): number {
    let reaped = 0
    for (const entry of this.read()) {
      if (!this.isOurs(entry)) continue
      try {
        process.kill(process.platform === 'win32' ? entry.pid : -entry.pid, 'SIGKILL')
        reaped++
        this.logger.log('warn', 'killed a skill process left over from an earlier run', { ...entry })
      } catch {
        // Gone meanwhile.
      }
    }
    this.entries.clear()
    this.write()
    return reaped
  }

  add(entry: Entry): void {
    this.entries.set(entry.pid, entry)
    this.write()
  }

  remove(pid: number): void {
    if (this.entries.delete(pid)) this.write()
  }

  private isOurs(entry: Entry): boolean {
    try {
      process.kill(entry.pid, 0)
    } catch {
      return false
    }
    if (process.platform !== 'linux') return true
    try {
      return readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8').includes(entry.marker)
    } catch {
      return false
    }
  }

  private read(): Entry[] {
    if (!existsSync(this.file)) return []
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      return Array.isArray(parsed)
        ? (parsed as Entry[]).filter((e) => Number.isInteger(e?.pid) && e.pid > 1)
        : []
    } catch {
      return []
    }
  }

  private write(): void {
    mkdirSync(dirname(this.file), { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify([...this.entries.values()]))
    renameSync(tmp, this.file)
  }
}
