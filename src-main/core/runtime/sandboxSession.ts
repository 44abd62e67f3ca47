import { SandboxManager, type SandboxRuntimeConfig } from '@anthropic-ai/sandbox-runtime'
import type { Logger } from '../base/logger'

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
  session.started ??= SandboxManager.initialize(config).then(
    () => logger.log('info', 'OS sandbox started', { proxyPort: SandboxManager.getProxyPort() }),
    async (err: unknown) => {
      session.started = null
      await SandboxManager.reset().catch(() => {})
      throw err
    },
  )
  try {
    await session.started
  } catch (err) {
    session.holders--
    throw err
  }
}

/** Lets go of the session; the last holder stops the proxy and resets the library. */
export async function leaveSession(): Promise<void> {
  session.holders--
  if (session.holders > 0 || session.started === null) return
  const started = session.started
  session.started = null
  session.stopping = started.then(
    () => SandboxManager.reset(),
    () => {},
  )
  await session.stopping
}
