import { randomBytes } from 'node:crypto'
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../base/appError'

/** What one sandboxed process tree may use; `sandboxed` and `restricted` skills always run under limits. */
export interface SandboxLimits {
  /** CPU seconds of one process (RLIMIT_CPU); past it the kernel stops it (SIGXCPU). */
  cpuSeconds: number
  /** Address space of one process in MiB (RLIMIT_AS); past it allocations fail (MemoryError). */
  memoryMb: number
  /** Processes and threads of the whole sandbox; past it fork/clone fail (EAGAIN). */
  processes: number
}

/** Generous enough for real skills (a long-lived server accumulates CPU time), tight enough to stop abuse. */
export const DEFAULT_SANDBOX_LIMITS: SandboxLimits = { cpuSeconds: 600, memoryMb: 4096, processes: 128 }

export const LIMIT_RANGES: Record<keyof SandboxLimits, [number, number]> = {
  cpuSeconds: [1, 86_400],
  memoryMb: [64, 1_048_576],
  processes: [8, 65_536],
}

/** Defaults, then whatever the person set at approval (each value checked against its range). */
export function effectiveLimits(overrides?: Partial<SandboxLimits> | null): SandboxLimits {
  const limits = { ...DEFAULT_SANDBOX_LIMITS }
  for (const key of Object.keys(LIMIT_RANGES) as (keyof SandboxLimits)[]) {
    const value = overrides?.[key]
    if (value === undefined || value === null) continue
    const [min, max] = LIMIT_RANGES[key]
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new AppError(
        'INVALID_INPUT',
        `The sandbox limit ${key} must be a whole number from ${min} to ${max}.`,
      )
    }
    limits[key] = value
  }
  return limits
}

/**
 * Shell lines that set the limits inside the sandbox before the skill is exec'd. Soft and hard limits are
 * both set so the skill cannot raise them. The process limit is per user namespace on Linux 5.14+, so only
 * the sandbox's own processes count (dash spells it -p, bash -u).
 */
export function ulimitLines(limits: SandboxLimits): string {
  const kb = limits.memoryMb * 1024
  return [
    `ulimit -St ${limits.cpuSeconds} && ulimit -Ht ${limits.cpuSeconds + 5}`,
    `ulimit -v ${kb}`,
    `{ ulimit -u ${limits.processes} 2>/dev/null || ulimit -p ${limits.processes}; }`,
  ]
    .map((line) => `${line} || exit 125`)
    .join('; ')
}

/** Exit status of the sandbox when the skill was killed for using up its CPU time (128 + SIGXCPU). */
const SIGXCPU_EXIT = 128 + 24

/** A plain sentence when a sandboxed process ended because of a limit, else null. */
export function limitExitReason(code: number | null, signal: string | null): string | null {
  if (code === SIGXCPU_EXIT || signal === 'SIGXCPU') {
    return 'it used up its CPU-time limit (raise it at approval with --limits cpu=SECONDS if that is expected)'
  }
  return null
}

/**
 * A pids cgroup holding one sandbox: the process limit for when RLIMIT_NPROC does not apply (SkillDock
 * running as root: the kernel exempts root from it). Needs a writable pids hierarchy (cgroup v1 `pids`, or
 * the v2 root with the pids controller delegated); null when there is none.
 */
export interface PidsCgroup {
  /** Shell line moving the shell itself into the cgroup (run just before exec'ing bubblewrap). */
  enter: string
  release(): void
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK)
    return true
  } catch {
    return false
  }
}

function pidsRoot(): string | null {
  const v1 = '/sys/fs/cgroup/pids'
  if (writable(join(v1, 'cgroup.procs'))) return v1
  const v2 = '/sys/fs/cgroup'
  try {
    const controllers = readFileSync(join(v2, 'cgroup.subtree_control'), 'utf8').split(/\s+/)
    if (controllers.includes('pids') && writable(join(v2, 'cgroup.procs'))) return v2
  } catch {
    // No cgroup v2 root here.
  }
  return null
}

/** Once per process: a cgroup only goes away once empty, and a CLI process may exit before its did. */
let swept = false
const STALE_MS = 60_000

/**
 * Removes the empty cgroups of earlier sandboxes (rmdir refuses one that still has processes). Only those
 * older than a minute: a fresh one may be waiting for its process to move in.
 */
function sweepStale(root: string): void {
  if (swept) return
  swept = true
  let names: string[]
  try {
    names = readdirSync(root).filter((name) => /^skilldock-[0-9a-f]{16}$/.test(name))
  } catch {
    return
  }
  for (const name of names) {
    try {
      if (Date.now() - statSync(join(root, name)).mtimeMs > STALE_MS) rmdirSync(join(root, name))
    } catch {
      // Still in use, or gone meanwhile.
    }
  }
}

export function createPidsCgroup(processes: number): PidsCgroup | null {
  if (process.platform !== 'linux') return null
  const root = pidsRoot()
  if (root === null) return null
  sweepStale(root)
  const dir = join(root, `skilldock-${randomBytes(8).toString('hex')}`)
  try {
    mkdirSync(dir)
    writeFileSync(join(dir, 'pids.max'), String(processes))
  } catch {
    try {
      rmdirSync(dir)
    } catch {
      // Never made.
    }
    return null
  }
  let released = false
  const release = (attempt = 0): void => {
    if (released) return
    try {
      rmdirSync(dir)
      released = true
    } catch {
      // Still has (dying) members: try again shortly, a few times.
      if (attempt < 20) setTimeout(() => release(attempt + 1), 250).unref()
    }
  }
  const procs = join(dir, 'cgroup.procs').replaceAll("'", `'\\''`)
  return { enter: `echo $$ > '${procs}' || exit 125`, release: () => release() }
}
