import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import type { SandboxRuntimeConfig } from '@anthropic-ai/sandbox-runtime'
import { AppError } from '../base/appError'
import { type Logger, silentLogger } from '../base/logger'
import { createPidsCgroup, DEFAULT_SANDBOX_LIMITS, type SandboxLimits, ulimitLines } from './sandboxLimits'
import { executableOn, homeFolders, startReadPaths } from './sandboxPaths'
import { type SandboxPolicy, sandboxFilesystemRules, sandboxTempDir } from './sandboxPolicy'
import { sandboxLibrary } from './sandboxLibrary'
import { joinSession, leaveSession } from './sandboxSession'

export type { SandboxPolicy } from './sandboxPolicy'

export interface SandboxedCommand {
  command: string
  args: string[]
  env: Record<string, string>
  /**
   * Call once the process has exited (or failed to start): drops its network allow list and the host mount
   * points the sandbox made for it. Idempotent; `dispose()` releases whatever is left.
   */
  release?: () => void
}

export interface SkillSandbox {
  /** null when usable; otherwise a plain reason ("bubblewrap (bwrap) is not installed: sudo apt-get install …"). */
  unavailableReason(): Promise<string | null>
  /**
   * Wraps a command (argv, quoted for the shell the sandbox runs) so it runs under the policy. The result
   * keeps stdin/stdout/stderr as they are, so an MCP stdio server works unchanged inside.
   * Throws AppError('SANDBOX_UNAVAILABLE', reason) when the sandbox cannot run.
   */
  wrap(
    command: string,
    args: string[],
    env: Record<string, string>,
    policy: SandboxPolicy,
  ): Promise<SandboxedCommand>
  /** Releases every wrapped command and, with the last sandbox of the process, stops the network proxy. */
  dispose(): Promise<void>
}

export interface SkillSandboxOptions {
  logger?: Logger
  /** Where to look for bwrap, socat and ripgrep (PATH syntax); default: this process's PATH. */
  path?: string
}

const LINUX_TOOLS = [
  { bin: 'bwrap', label: 'bubblewrap (bwrap)' },
  { bin: 'socat', label: 'socat' },
  { bin: 'rg', label: 'ripgrep (rg)' },
] as const
const LINUX_INSTALL = 'sudo apt-get install bubblewrap socat ripgrep (or your distribution’s equivalent)'
const PROBE_TIMEOUT_MS = 15_000

/** POSIX single-quoting: the only character that needs care inside '…' is ' itself. */
function shellQuote(word: string): string {
  return `'${word.replaceAll("'", `'\\''`)}'`
}

/** The command line run inside the sandbox: a private temp dir, the limits, then the skill's own argv, exec'd. */
function innerCommand(command: string, args: string[], tempDir: string, limits: SandboxLimits): string {
  for (const word of [command, ...args]) {
    if (word.includes('\0'))
      throw new AppError('INVALID_INPUT', 'A skill command argument contains a NUL byte.')
  }
  const tmp = shellQuote(tempDir)
  // The library points TMPDIR at its shared /tmp/claude; each skill gets its own instead.
  const run = `exec ${[command, ...args].map(shellQuote).join(' ')}`
  return `export TMPDIR=${tmp} TMP=${tmp} TEMP=${tmp}; ${ulimitLines(limits)}; ${run}`
}

function lastLines(text: string, max = 3): string {
  return text.trim().split('\n').slice(-max).join(' / ').slice(0, 500)
}

class OsSkillSandbox implements SkillSandbox {
  private readonly logger: Logger
  private readonly searchPath: string
  private availability: Promise<string | null> | null = null
  private holdsSession = false
  private disposed = false
  private readonly pending = new Set<() => void>()

  constructor(options: SkillSandboxOptions) {
    this.logger = options.logger ?? silentLogger
    this.searchPath = options.path ?? process.env.PATH ?? ''
  }

  unavailableReason(): Promise<string | null> {
    // A success is kept; a failure is checked again next time (the user may have installed bwrap meanwhile).
    this.availability ??= this.checkAvailability().then((reason) => {
      if (reason !== null) this.availability = null
      return reason
    })
    return this.availability
  }

  async wrap(
    command: string,
    args: string[],
    env: Record<string, string>,
    policy: SandboxPolicy,
  ): Promise<SandboxedCommand> {
    const reason = await this.unavailableReason()
    if (reason !== null) throw new AppError('SANDBOX_UNAVAILABLE', reason)
    return this.wrapUnchecked(command, args, env, policy)
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    this.availability = null
    for (const release of [...this.pending]) release()
    if (this.holdsSession) {
      this.holdsSession = false
      await leaveSession()
    }
  }

  private async checkAvailability(): Promise<string | null> {
    if (this.disposed) return 'The sandbox has been shut down with the rest of SkillDock.'
    const platform = process.platform
    if (platform !== 'linux' && platform !== 'darwin') return unsupported(platform)
    const { SandboxManager } = await sandboxLibrary()
    if (!SandboxManager.isSupportedPlatform()) return unsupported(platform)
    const tools = platform === 'linux' ? this.findLinuxTools() : {}
    if (typeof tools === 'string') return tools
    const check = SandboxManager.checkDependencies(tools.rg ? { command: tools.rg } : undefined)
    for (const warning of check.warnings) this.logger.log('warn', 'OS sandbox warning', { warning })
    if (check.errors.length > 0) return `The OS sandbox cannot run: ${check.errors.join('; ')}.`
    try {
      await joinSession(this.sessionConfig(tools), this.logger)
    } catch (err) {
      return `The OS sandbox could not start its network filter: ${(err as Error).message}`
    }
    if (this.disposed) {
      // Shut down while the session was starting: dispose() found nothing to leave, so leave here.
      await leaveSession()
      return 'The sandbox has been shut down with the rest of SkillDock.'
    }
    this.holdsSession = true
    const failure = await this.probe()
    if (failure !== null && this.holdsSession) {
      this.holdsSession = false
      await leaveSession()
    }
    return failure
  }

  private findLinuxTools(): { bwrap?: string; socat?: string; rg?: string } | string {
    const found: Record<string, string> = {}
    const missing: string[] = []
    for (const tool of LINUX_TOOLS) {
      const file = executableOn(tool.bin, this.searchPath)
      if (file === null) missing.push(tool.label)
      else found[tool.bin] = file
    }
    if (missing.length === 0) return found
    return `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed: ${LINUX_INSTALL}`
  }

  private sessionConfig(tools: { bwrap?: string; socat?: string; rg?: string }): SandboxRuntimeConfig {
    return {
      // Nothing is allowed globally: a skill's domains come with its own command (registerCommandNetworkLists).
      network: { allowedDomains: [], deniedDomains: [] },
      filesystem: { denyRead: [], allowRead: [], allowWrite: [], denyWrite: [] },
      ...(tools.bwrap && { bwrapPath: tools.bwrap }),
      ...(tools.socat && { socatPath: tools.socat }),
      ...(tools.rg && { ripgrep: { command: tools.rg } }),
      // The library scans the host's working directory for files to write-protect; only the skill's data
      // folder is writable here, and a deep scan of `/` (an app started from a desktop) takes seconds.
      mandatoryDenySearchDepth: 1,
    }
  }

  /** Runs a no-op under a real policy: bubblewrap can be installed yet refused user namespaces. */
  private async probe(): Promise<string | null> {
    const root = mkdtempSync(join(tmpdir(), 'skilldock-sandbox-probe-'))
    try {
      const policy = { dataDir: join(root, 'data'), readable: [], dataHome: root, allowedDomains: [] }
      const wrapped = await this.wrapUnchecked('/bin/sh', ['-c', 'exit 0'], { PATH: '/usr/bin:/bin' }, policy)
      const result = await runQuietly(wrapped)
      wrapped.release?.()
      if (result.code === 0) return null
      const detail = lastLines(result.stderr) || `exit status ${result.code ?? result.signal}`
      return (
        `The OS sandbox could not start a process (${detail}). Check that unprivileged user namespaces are ` +
        'allowed (Ubuntu 24.04+: sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0).'
      )
    } catch (err) {
      return `The OS sandbox could not start a process: ${AppError.from(err).message}`
    } finally {
      rmSync(root, { recursive: true, force: true })
    }
  }

  private async wrapUnchecked(
    command: string,
    args: string[],
    env: Record<string, string>,
    policy: SandboxPolicy,
  ): Promise<SandboxedCommand> {
    const library = await sandboxLibrary()
    const { SandboxManager } = library
    const tempDir = sandboxTempDir(policy.dataDir)
    const limits = policy.limits ?? DEFAULT_SANDBOX_LIMITS
    const inner = innerCommand(command, args, tempDir, limits)
    mkdirSync(tempDir, { recursive: true })
    // Root is exempt from RLIMIT_NPROC: a pids cgroup caps the sandbox then (and anywhere one can be made).
    const cgroup = createPidsCgroup(limits.processes)
    if (cgroup === null && process.getuid?.() === 0) {
      this.logger.log('warn', 'no writable pids cgroup: the process limit is not enforced for root', {})
    }
    // The proxy reads this id from the proxy username the process presents: 128 random bits, never reused.
    const commandId = randomBytes(16).toString('base64url')
    if (policy.allowedDomains.length > 0) {
      try {
        SandboxManager.registerCommandNetworkLists(commandId, { allowedDomains: policy.allowedDomains })
      } catch (err) {
        throw new AppError(
          'INVALID_SKILL',
          `The skill's network list cannot be enforced: ${(err as Error).message}`,
        )
      }
    }
    let wrapped: string
    try {
      wrapped = await SandboxManager.wrapWithSandbox(
        inner,
        'sh',
        {
          network: { allowedDomains: [], deniedDomains: [] },
          filesystem: sandboxFilesystemRules(
            policy,
            homeFolders(),
            startReadPaths(library, command, env, this.searchPath),
          ),
        },
        undefined,
        { commandId, commandText: [command, ...args].join(' ') },
      )
    } catch (err) {
      SandboxManager.unregisterCommandNetworkLists(commandId)
      cgroup?.release()
      throw new AppError(
        'SANDBOX_UNAVAILABLE',
        `The OS sandbox could not prepare ${basename(command)}: ${(err as Error).message}`,
      )
    }
    let released = false
    const release = (): void => {
      if (released) return
      released = true
      this.pending.delete(release)
      SandboxManager.unregisterCommandNetworkLists(commandId)
      SandboxManager.cleanupAfterCommand()
      cgroup?.release()
    }
    this.pending.add(release)
    this.logger.log('debug', 'wrapped a skill command in the OS sandbox', {
      command: basename(command),
      domains: policy.allowedDomains.length,
    })
    // `exec`: the caller's pid is bubblewrap itself, so its signals reach the sandbox (which dies with it).
    const enter = cgroup ? `${cgroup.enter}; ` : ''
    return { command: '/bin/sh', args: ['-c', `${enter}exec ${wrapped}`], env: { ...env }, release }
  }
}

/** Runs a wrapped command with no input and returns its exit and stderr (stdout is ignored). */
function runQuietly(
  wrapped: SandboxedCommand,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(wrapped.command, wrapped.args, {
      env: wrapped.env,
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk: string) => (stderr = (stderr + chunk).slice(-4000)))
    const timer = setTimeout(() => child.kill('SIGKILL'), PROBE_TIMEOUT_MS)
    child.once('error', (err) => {
      clearTimeout(timer)
      resolve({ code: null, signal: null, stderr: err.message })
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ code, signal, stderr })
    })
  })
}

function unsupported(platform: string): string {
  return `Sandboxed skills need Linux (bubblewrap) or macOS; they cannot run on ${platform}. Set the skill's trust to monitored to run it unsandboxed.`
}

/** The OS sandbox for `sandboxed` and `restricted` skills (@anthropic-ai/sandbox-runtime: bubblewrap or Seatbelt). */
export function createSkillSandbox(options: SkillSandboxOptions = {}): SkillSandbox {
  return new OsSkillSandbox(options)
}
