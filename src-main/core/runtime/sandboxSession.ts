import { readdirSync, readFileSync } from 'node:fs'
import type { SandboxRuntimeConfig } from '@anthropic-ai/sandbox-runtime'
import type { Logger } from '../base/logger'
import { type SandboxLibrary, sandboxLibrary } from './sandboxLibrary'

/**
 * `SandboxManager` is a module-level singleton of the sandbox library: one config and one HTTP/SOCKS proxy
 * per process. This module-level lease exists only to mirror it (docs/ARCHITECTURE.md §5 otherwise forbids
 * them): every SkillSandbox shares the library's session, the first holder starts it, the last to leave
 * stops it. Per-skill policies never touch the shared config: each wrap passes its own filesystem rules,
 * and registers its domains under an unguessable per-command id the proxy checks.
 */
const session = { holders: 0, started: null as Promise<void> | null, stopping: Promise.resolve() }

/** Holds the library's session, starting it (and its proxy) with `config` if no one holds it yet. */
export async function joinSession(config: SandboxRuntimeConfig, logger: Logger): Promise<void> {
  await session.stopping
  session.holders++
  if (session.started === null) {
    const bridgesBefore = bridgeProcesses()
    session.started = startLibrary(config, logger, bridgesBefore)
  }
  try {
    await session.started
  } catch (err) {
    session.holders--
    throw err
  }
}

async function startLibrary(
  config: SandboxRuntimeConfig,
  logger: Logger,
  bridgesBefore: Set<number>,
): Promise<void> {
  let manager: SandboxLibrary['SandboxManager'] | undefined
  try {
    manager = (await sandboxLibrary()).SandboxManager
    await manager.initialize(config)
  } catch (err) {
    await manager?.reset().catch(() => {})
    killLeakedBridges(bridgesBefore, logger)
    // Cleared only after the clean-up: a join meanwhile shares this failure, not a second start.
    session.started = null
    throw err
  }
  logger.log('info', 'OS sandbox started', { proxyPort: manager.getProxyPort() })
}

/** Lets go of the session; the last holder stops the proxy and resets the library. */
export async function leaveSession(): Promise<void> {
  session.holders--
  if (session.holders > 0 || session.started === null) return
  const started = session.started
  session.started = null
  session.stopping = started.then(
    async () => (await sandboxLibrary()).SandboxManager.reset(),
    () => {},
  )
  await session.stopping
}

/**
 * The library's own SIGINT/SIGTERM handler calls reset() at once; when that lands while initialize()
 * is between spawning its Linux socat bridge and recording it, initialize() fails but the bridge is
 * left running, and its child-process handle keeps SkillDock from exiting (serve stopped right as a
 * sandboxed skill starts). After such a failure, the bridges this start spawned are stopped here.
 */
function killLeakedBridges(before: Set<number>, logger: Logger): void {
  for (const pid of bridgeProcesses()) {
    if (before.has(pid)) continue
    try {
      process.kill(pid, 'SIGTERM')
      logger.log('warn', 'stopped a sandbox network bridge left by a cancelled start', { pid })
    } catch {
      // Already gone.
    }
  }
}

/** This process's socat children listening on a sandbox bridge socket (Linux; empty elsewhere). */
function bridgeProcesses(): Set<number> {
  const found = new Set<number>()
  if (process.platform !== 'linux') return found
  let entries: string[]
  try {
    entries = readdirSync('/proc').filter((d) => /^\d+$/.test(d))
  } catch {
    return found
  }
  for (const pid of entries) {
    try {
      // Fields after the parenthesised command name: state, then the parent's pid.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (parent !== process.pid) continue
      const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')
      if (
        /(^|\/)socat$/.test(argv[0] ?? '') &&
        argv.some((a) => /^UNIX-LISTEN:.*claude-(http|socks)-/.test(a))
      )
        found.add(Number(pid))
    } catch {
      // It exited while we looked.
    }
  }
  return found
}
