import { mkdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { buildSkillEnvironment } from './environment'
import type { SkillSandbox } from './sandbox'
import { commandLinePaths } from './sandboxPaths'

/** A command ready for the MCP SDK's stdio transport. */
export interface SourceCommand {
  command: string
  args: string[]
  env: Record<string, string>
  cwd: string
  /** Call once the process has exited: frees what the sandbox holds for it. */
  release?: () => void
}

/** Turns an `mcp` source's stdio command into one that runs confined. */
export type SourceCommandLauncher = (
  source: string,
  command: string,
  args: string[],
) => Promise<SourceCommand>

/**
 * MCP source commands run like a sandboxed skill, at every sync: a built environment (none of
 * SkillDock's own variables, API keys or tokens), an allowlist sandbox (system folders, the
 * interpreter, the paths named on its command line, nothing of the home folder or the data home),
 * no network, and the default limits. Its only writable folder is `<data home>/source-data/<source>`.
 */
export function sandboxedSourceCommands(deps: {
  sandbox: SkillSandbox
  parentEnv: NodeJS.ProcessEnv
  dataHome: string
}): SourceCommandLauncher {
  return async (source, command, args) => {
    const dataDir = join(deps.dataHome, 'source-data', source.replace(/[^A-Za-z0-9._-]/g, '_'))
    mkdirSync(dataDir, { recursive: true })
    const env = buildSkillEnvironment({ parent: deps.parentEnv, dataDir, skillDir: dataDir, credentials: {} })
    delete env.SKILLDOCK_SKILL_DIR
    const wrapped = await deps.sandbox.wrap(command, args, env, {
      dataDir,
      readable: commandLinePaths([command, ...args], homedir(), [deps.dataHome]),
      dataHome: deps.dataHome,
      allowedDomains: [],
      reads: 'allowlist',
    })
    return {
      command: wrapped.command,
      args: wrapped.args,
      env: wrapped.env,
      cwd: dataDir,
      release: wrapped.release,
    }
  }
}
