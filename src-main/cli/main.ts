import { Command, CommanderError } from 'commander'
import { APP_VERSION, AppError } from '../core/app'
import { registerActivityCommand } from './commands/activity'
import { registerAutomationCommands } from './commands/automation'
import { registerDraftCommands } from './commands/drafts'
import { registerMarketplaceCommands } from './commands/marketplace'
import { registerMcpCommands } from './commands/mcp'
import { registerOptimizeCommand } from './commands/optimize'
import { registerPolicyCommands } from './commands/policies'
import { registerGeneratorCommands } from './commands/generator'
import { registerRuntimeCommands } from './commands/runtime'
import { registerRoutingCommands } from './commands/routing'
import { registerSecretsCommands } from './commands/secrets'
import { registerServeCommand } from './commands/serve'
import { registerSetupCommands } from './commands/setup'
import { registerSkillCommands } from './commands/skills'
import { registerSourceCommands } from './commands/sources'
import { registerTrustCommands } from './commands/trust'
import { registerTeamCommands } from './commands/team'
import { registerWorkerCommand } from './commands/worker'
import { CliContext, type CliIo, CommandError, ExitCode, type GlobalOptions } from './context'

/**
 * Runs one `skilldock` invocation and returns its exit code:
 * 0 success, 1 the operation failed, 2 a usage error.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = new Command('skilldock')
  const ctx = new CliContext(io, () => program.opts<GlobalOptions>())
  program
    .description('SkillDock: install, scan, approve, run and serve agent skills')
    .version(APP_VERSION, '-v, --version')
    .option('--home <dir>', 'data home (default: $SKILLDOCK_HOME or the OS app-data folder SkillDock)')
    .option('--json', 'print exactly one JSON document on stdout')
    .showHelpAfterError('(run `skilldock --help` for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
  registerSetupCommands(program, ctx)
  registerSkillCommands(program, ctx)
  registerRuntimeCommands(program, ctx)
  registerSecretsCommands(program, ctx)
  registerTrustCommands(program, ctx)
  registerSourceCommands(program, ctx)
  registerMarketplaceCommands(program, ctx)
  registerServeCommand(program, ctx)
  registerMcpCommands(program, ctx)
  registerPolicyCommands(program, ctx)
  registerGeneratorCommands(program, ctx)
  registerRoutingCommands(program, ctx)
  registerAutomationCommands(program, ctx)
  registerDraftCommands(program, ctx)
  registerWorkerCommand(program, ctx)
  registerActivityCommand(program, ctx)
  registerOptimizeCommand(program, ctx)
  registerTeamCommands(program, ctx)
  for (const command of allCommands(program))
    command.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })

  try {
    const unknown = unknownCommand(program, argv)
    if (unknown !== null) {
      // Checked before parsing: commander would print the general help for `<unknown> --help` and exit 0.
      io.stderr(
        `error: unknown command '${unknown}'. Commands: ${program.commands.map((c) => c.name()).join(', ')}.\n(run \`skilldock --help\` for usage)\n`,
      )
      return 2
    }
    await program.parseAsync(argv, { from: 'user' })
    return 0
  } catch (err) {
    return report(err, ctx, io)
  } finally {
    await ctx.dispose()
  }
}

/** The first word of argv when it names no command (global options and their values skipped), else null. */
function unknownCommand(program: Command, argv: string[]): string | null {
  const valued = new Set(
    program.options.filter((o) => o.required || o.optional).flatMap((o) => [o.long, o.short]),
  )
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!
    if (arg === '--') return null
    if (arg.startsWith('-')) {
      if (valued.has(arg)) i++
      continue
    }
    const known = program.commands.some((c) => c.name() === arg || c.aliases().includes(arg))
    return known || arg === 'help' ? null : arg
  }
  return null
}

function allCommands(command: Command): Command[] {
  return command.commands.flatMap((c) => [c, ...allCommands(c)])
}

function report(err: unknown, ctx: CliContext, io: CliIo): number {
  if (err instanceof ExitCode) return err.code
  if (err instanceof CommanderError) {
    // Help and version are successful exits; everything else commander reports is a usage error.
    return err.exitCode === 0 ? 0 : 2
  }
  const error =
    err instanceof CommandError
      ? err.error
      : err instanceof AppError
        ? { code: err.code, message: err.message }
        : { code: 'INTERNAL' as const, message: err instanceof Error ? err.message : String(err) }
  if (ctx.json) io.stdout(JSON.stringify({ error: { code: error.code, message: error.message } }) + '\n')
  else io.stderr(`error: ${error.message}\n`)
  return 1
}

/** All of stdin when piped; one line without echo on a terminal. */
function readSecretFromStdin(): Promise<string> {
  const stdin = process.stdin
  return new Promise((resolve, reject) => {
    let text = ''
    const tty = stdin.isTTY === true
    if (tty) stdin.setRawMode(true)
    stdin.setEncoding('utf8')
    const done = () => {
      if (tty) {
        stdin.setRawMode(false)
        process.stderr.write('\n')
      }
      stdin.pause()
      stdin.removeAllListeners('data')
      resolve(text)
    }
    stdin.on('data', (chunk: string) => {
      if (!tty) return void (text += chunk)
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') return done()
        if (ch === '\u0003') return reject(new Error('cancelled'))
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch
      }
    })
    if (!tty) stdin.once('end', done)
    stdin.once('error', reject)
    stdin.resume()
  })
}

/** This process's streams and environment as the CLI's io. */
export function processIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTty: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    readSecret: readSecretFromStdin,
  }
}

/** Runs the CLI on this process's arguments and streams; sets the exit code. */
export function main(): void {
  const io = processIo()
  void runCli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code
  })
}

if (require.main === module) main()
