import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../base/logger'

interface Entry {
  pid: number
  skill: string
  /** A string the process's command line contains, so a recycled pid is never killed by mistake. */
  marker: string
}

const FILE = /^skill-pids-(\d+)\.json$/

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Records the process group of every skill server this SkillDock process started, in a file of its
 * own (`run/skill-pids-<pid>.json`), so that a SkillDock that was killed leaves nothing behind:
 * the next start kills what a dead owner recorded. Files of owners still running are left alone,
 * so a CLI command never touches the servers of a running app.
 */
export class PidRegistry {
  private entries = new Map<number, Entry>()
  private readonly file: string

  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
    private readonly owner = process.pid,
  ) {
    this.file = join(dir, `skill-pids-${owner}.json`)
  }

  /** Kills leftovers of SkillDock processes that are gone; returns how many were still running. */
  reapLeftovers(): number {
    if (!existsSync(this.dir)) return 0
    let reaped = 0
    for (const name of readdirSync(this.dir)) {
      const owner = Number(FILE.exec(name)?.[1])
      if (!owner || owner === this.owner || isAlive(owner)) continue
      for (const entry of this.read(join(this.dir, name))) {
        if (!this.isOurs(entry)) continue
        try {
          process.kill(process.platform === 'win32' ? entry.pid : -entry.pid, 'SIGKILL')
          reaped++
          this.logger.log('warn', 'killed a skill process left over from an earlier run', { ...entry, owner })
        } catch {
          // Gone meanwhile.
        }
      }
      rmSync(join(this.dir, name), { force: true })
    }
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
    if (!isAlive(entry.pid)) return false
    if (process.platform !== 'linux') return true
    try {
      return readFileSync(`/proc/${entry.pid}/cmdline`, 'utf8').includes(entry.marker)
    } catch {
      return false
    }
  }

  private read(file: string): Entry[] {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown
      return Array.isArray(parsed)
        ? (parsed as Entry[]).filter((e) => Number.isInteger(e?.pid) && e.pid > 1)
        : []
    } catch {
      return []
    }
  }

  private write(): void {
    if (this.entries.size === 0) {
      rmSync(this.file, { force: true })
      return
    }
    mkdirSync(this.dir, { recursive: true })
    const tmp = `${this.file}.tmp`
    writeFileSync(tmp, JSON.stringify([...this.entries.values()]))
    renameSync(tmp, this.file)
  }
}
