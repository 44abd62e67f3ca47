import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { effectiveLimits, type SandboxLimits } from './sandboxLimits'

/** `sandbox-limits.json` in the data home: the limits a person set when approving each skill. */
interface LimitsFile {
  skills: Record<string, Partial<SandboxLimits>>
}

/**
 * Per-skill sandbox limits, set with an approval (`skilldock approve <id> --limits cpu=30,memory=512`) and
 * replaced by the next one: a new approval without limits goes back to the defaults.
 */
export class SandboxLimitsStore {
  private readonly file: string

  constructor(dataHome: string) {
    this.file = join(dataHome, 'sandbox-limits.json')
  }

  /** The limits a skill runs under: defaults, then what its approval set. */
  limitsOf(skill: string): SandboxLimits {
    const stored = this.read().skills[skill]
    try {
      return effectiveLimits(stored)
    } catch {
      // A hand-edited file with a bad value: the defaults, never no limit.
      return effectiveLimits()
    }
  }

  /** Records (or with null clears) the limits of a skill's approval; checked first. */
  set(skill: string, overrides: Partial<SandboxLimits> | null): void {
    if (overrides) effectiveLimits(overrides)
    const doc = this.read()
    if (overrides && Object.keys(overrides).length > 0) doc.skills[skill] = overrides
    else delete doc.skills[skill]
    mkdirSync(dirname(this.file), { recursive: true })
    const temp = `${this.file}.${process.pid}.tmp`
    writeFileSync(temp, `${JSON.stringify(doc, null, 2)}\n`)
    renameSync(temp, this.file)
  }

  private read(): LimitsFile {
    try {
      const doc = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<LimitsFile>
      return { skills: doc.skills && typeof doc.skills === 'object' ? { ...doc.skills } : {} }
    } catch {
      return { skills: {} }
    }
  }
}
