import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, freemem, platform, release, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import type { Core } from '../../src-main/core/app'

/** How many of each thing the bench uses; every count can be lowered by env for a quick run. */
export const counts = {
  calls: envInt('BENCH_CALLS', 2000),
  concurrentClients: envInt('BENCH_CLIENTS', 8),
  catalogSkills: envInt('BENCH_SKILLS', 10_000),
  queries: envInt('BENCH_QUERIES', 1000),
  activeSkills: envInt('BENCH_ACTIVE', 200),
  installedSkills: envInt('BENCH_INSTALLED', 1000),
  coldStarts: envInt('BENCH_COLD_STARTS', 10),
  sourceSkills: envInt('BENCH_SOURCE_SKILLS', 10_000),
  gitSkills: envInt('BENCH_GIT_SKILLS', 1000),
}

function envInt(name: string, fallback: number): number {
  const raw = process.env[name]
  const value = raw === undefined ? NaN : Number(raw)
  return Number.isInteger(value) && value > 0 ? value : fallback
}

/** Milliseconds since an arbitrary origin, sub-millisecond. */
export const now = (): number => Number(process.hrtime.bigint()) / 1e6

export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = now()
  const value = await fn()
  return { ms: now() - start, value }
}

/** Nearest-rank percentile of a sample in milliseconds. */
export function percentile(sample: readonly number[], p: number): number {
  if (sample.length === 0) return NaN
  const sorted = [...sample].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** Seconds one sampled figure may take before it stops early (BENCH_BUDGET_S, default 60). */
export const budgetMs = envInt('BENCH_BUDGET_S', 60) * 1000

/**
 * Runs `fn` up to `n` times one after another and returns each duration; stops early (after at
 * least 20 runs) when `budget` ms have passed, so a slow path cannot stretch the bench for ever.
 */
export async function sample(
  n: number,
  fn: (i: number) => Promise<unknown> | unknown,
  budget = Infinity,
): Promise<number[]> {
  const out: number[] = []
  const began = now()
  for (let i = 0; i < n; i++) {
    if (i >= 20 && now() - began > budget) break
    const start = now()
    await fn(i)
    out.push(now() - start)
  }
  return out
}

/** One measured figure next to the reference it is judged against, and its goal. */
export interface Figure {
  group: string
  name: string
  value: number
  unit: string
  reference?: { name: string; value: number }
  /** What the goal compares: the value itself, or the value minus the reference. */
  /** `met` is absent where the figure is reported next to a goal it has no limit for. */
  goal?: { text: string; met?: boolean }
  note?: string
}

export const round = (n: number, digits = 2): number => Number(n.toFixed(digits))

/** The machine and versions the figures come from. */
export function machine(): Record<string, string> {
  const cpu = cpus()
  const python = safe(() => execFileSync('python3', ['--version'], { encoding: 'utf8' }).trim())
  const commit = safe(() =>
    execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
  )
  return {
    os: `${platform()} ${release()}`,
    cpu: `${cpu.length} × ${cpu[0]?.model ?? 'unknown'}`,
    memory: `${Math.round(totalmem() / 2 ** 30)} GiB (${Math.round(freemem() / 2 ** 30)} GiB free at start)`,
    node: process.version,
    python,
    commit,
    date: new Date().toISOString(),
  }
}

function safe(fn: () => string): string {
  try {
    return fn()
  } catch {
    return 'unknown'
  }
}

/** Resident memory of a process from /proc, in MiB (Linux); NaN elsewhere. */
export function residentMiB(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1]
    return kb ? Number(kb) / 1024 : NaN
  } catch {
    return NaN
  }
}

/** The echo fixture skill (one `echo` tool), the skill every call figure is taken on. */
export const echoDir = join(resolve(__dirname, '..', '..'), 'test', 'fixtures', 'runtime', 'echo')

/** `core.invoke` for a route that must succeed: its data, or an error with the route's message. */
export function routeCaller(core: Core) {
  return async (route: string, input: unknown) => {
    const r = await core.invoke(route, input)
    if (!r.ok) throw new Error(`${route}: ${r.error.message}`)
    return r.data as never
  }
}

/** Adds the echo fixture through `call` (a routeCaller) and approves it as trusted (no sandbox). */
export async function addTrustedEcho(call: ReturnType<typeof routeCaller>): Promise<void> {
  await call('skills.add', { path: echoDir })
  const pending = (await call('approvals.list', { status: 'pending' })) as { id: string; skill: string }[]
  const request = pending.find((a) => a.skill === 'echo')
  if (request) await call('approvals.decide', { id: request.id, approve: true, trust: 'trusted' })
}
