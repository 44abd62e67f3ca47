import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import type { TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import type { SecretStore } from '../secrets/secretStore'
import type { HostEnvironment } from '../skills/gating'
import type { SkillManifest } from '../skills/manifest'
import { declaredCredentials, resolveCredentials } from './credentials'
import { buildSkillEnvironment } from './environment'
import type { SandboxPolicy, SkillSandbox } from './sandbox'
import type { SandboxLimits } from './sandboxLimits'
import type { ProcessSpec } from './transport'

export interface LaunchContext {
  /** The app's `resources/` folder (python kit and launcher). */
  resourcesDir: string
  /** The data home; each skill gets `<home>/skill-data/<name>/`. */
  dataHome: string
  /** The Python interpreter (default `python3` from PATH). */
  python: string
  parentEnv: NodeJS.ProcessEnv
  secrets: SecretStore
  sandbox: SkillSandbox
  host: () => HostEnvironment
}

export interface LaunchTarget {
  name: string
  path: string
  trust: TrustLevel
  manifest: SkillManifest
  /**
   * Bundled with SkillDock: runs confined even when trusted (the user's files readable, never the data
   * home, keyrings or credential files; no network).
   */
  bundled?: boolean
  /** Read paths the skill declares and a person approved (empty while it is unapproved). */
  readPaths?: string[]
  /** The sandbox limits set at approval (defaults otherwise). */
  limits?: SandboxLimits
  /**
   * Folders named by an approved skill's declared server command (`node /opt/x/server.js`): readable so
   * the server starts. Empty while unapproved.
   */
  serverPaths?: string[]
  /** The writable data folder (default `<home>/skill-data/<name>/`); a draft under test gets its own. */
  dataDir?: string
}

export interface LaunchPlan {
  spec: ProcessSpec
  /** Part of the command line that identifies the process as this skill's (for reaping leftovers). */
  marker: string
  sandboxed: boolean
  /** Frees what the sandbox holds for this process (its network allow-list); call after it exited. */
  release?: () => void
}

/** PEP 723 inline metadata: the `dependencies` and `requires-python` of a `# /// script` block. */
export function readInlineScriptMetadata(source: string): {
  dependencies: string[]
  requiresPython: string | null
} {
  const block = /^# \/\/\/ script\s*$([\s\S]*?)^# \/\/\/\s*$/m.exec(source)
  if (!block?.[1]) return { dependencies: [], requiresPython: null }
  const toml = block[1]
    .split('\n')
    .map((line) => line.replace(/^#\s?/, ''))
    .join('\n')
  const deps = /^dependencies\s*=\s*\[([\s\S]*?)\]/m.exec(toml)?.[1] ?? ''
  const dependencies = [...deps.matchAll(/"([^"]+)"|'([^']+)'/g)]
    .map((m) => (m[1] ?? m[2] ?? '').trim())
    .filter(Boolean)
  const requiresPython = /^requires-python\s*=\s*["']([^"']+)["']/m.exec(toml)?.[1] ?? null
  return { dependencies, requiresPython }
}

function serverCommand(target: LaunchTarget, ctx: LaunchContext): { command: string; args: string[] } {
  const declared = target.manifest.server
  if (declared) return { command: declared.command, args: declared.args }
  const script = join(target.path, 'skill.py')
  if (!existsSync(script)) {
    throw new AppError(
      'SKILL_START_FAILED',
      `${target.name} has no skill.py and declares no server; it has no tools to run.`,
    )
  }
  const launch = [join(ctx.resourcesDir, 'python', 'launch.py'), script]
  const { dependencies, requiresPython } = readInlineScriptMetadata(readFileSync(script, 'utf8'))
  // -I: nothing from the user's environment; -B: no bytecode written (launch.py never reads any
  // from the skill folder either), so only the scanned source runs.
  if (dependencies.length === 0) return { command: ctx.python, args: ['-I', '-B', ...launch] }
  if (!ctx.host().hasBinary('uv')) {
    throw new AppError(
      'SKILL_START_FAILED',
      `${target.name} declares Python dependencies (${dependencies.join(', ')}), which need uv to install. ` +
        'Install uv (https://docs.astral.sh/uv/getting-started/installation/) and try again.',
    )
  }
  const pythonArgs = requiresPython ? ['--python', requiresPython] : []
  return {
    command: 'uv',
    args: [
      'run',
      '--no-project',
      '--quiet',
      ...pythonArgs,
      ...dependencies.flatMap((d) => ['--with', d]),
      'python',
      '-I',
      '-B',
      ...launch,
    ],
  }
}

function expandHome(path: string): string {
  return path.startsWith('~/') ? join(homedir(), path.slice(2)) : path
}

/**
 * How to start a skill's server: the interpreter or declared command, a built environment with only
 * its own declared credentials, and the OS sandbox for sandboxed and restricted skills (an allowlist) and
 * for bundled skills (the user's files without the secrets).
 */
export async function planLaunch(target: LaunchTarget, ctx: LaunchContext): Promise<LaunchPlan> {
  const { command, args } = serverCommand(target, ctx)
  const dataDir = target.dataDir ?? join(ctx.dataHome, 'skill-data', target.name)
  mkdirSync(dataDir, { recursive: true })
  const credentials = await resolveCredentials(target.name, declaredCredentials(target.manifest), ctx.secrets)
  const env = buildSkillEnvironment({ parent: ctx.parentEnv, dataDir, skillDir: target.path, credentials })
  const confined = target.trust === 'sandboxed' || target.trust === 'restricted'
  const sandboxed = confined || target.bundled === true
  const marker = target.manifest.server ? command : join(target.path, 'skill.py')
  if (!sandboxed) return { spec: { command, args, env, cwd: target.path }, marker, sandboxed }
  const own = [target.path, join(ctx.resourcesDir, 'python')]
  const policy: SandboxPolicy = confined
    ? {
        dataDir,
        readable: [...own, ...(target.readPaths ?? []).map(expandHome), ...(target.serverPaths ?? [])],
        dataHome: ctx.dataHome,
        allowedDomains: target.manifest.network,
        reads: 'allowlist',
        limits: target.limits,
      }
    : {
        dataDir,
        readable: own,
        dataHome: ctx.dataHome,
        allowedDomains: [],
        reads: 'userFiles',
        limits: target.limits,
      }
  const wrapped = await ctx.sandbox.wrap(command, args, env, policy)
  return {
    spec: { command: wrapped.command, args: wrapped.args, env: wrapped.env, cwd: target.path },
    marker,
    sandboxed,
    release: wrapped.release,
  }
}
