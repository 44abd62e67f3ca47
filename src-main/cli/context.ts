import { resolve } from 'node:path'
import type { AppErrorJson, Result } from '../contract/errors'
import type { RouteInput, RouteName, RouteOutput } from '../contract/routes'
import { ProgressLine } from './progress'
import { createCore, type Core, JsonLineLogger, resolveHome } from '../core/app'

/** Where the CLI writes; tests pass buffers. */
export interface CliIo {
  stdout: (text: string) => void
  stderr: (text: string) => void
  env: NodeJS.ProcessEnv
  /** True when stderr is an interactive terminal (progress bars, colours). */
  isTty: boolean
  /** Width of the terminal on stdout, when it is one; tables are cut to fit. */
  columns?: number
  /** Reads a secret from stdin: all of it when piped, one hidden line on a terminal. */
  readSecret: () => Promise<string>
  /**
   * Where the app's files are when they are not next to this script: the packaged desktop app
   * running `skilldock mcp` (`--mcp-stdio`) keeps skills and resources outside app.asar.
   */
  app?: { appRoot: string; resourcesDir: string; nativeBinding?: string }
}

export interface GlobalOptions {
  home?: string
  json?: boolean
}

/** Thrown by a command to end with a given exit code after it has printed its own output. */
export class ExitCode extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`)
  }
}

/** A failed operation: printed as `error: …` (or `{"error":…}` with --json), exit 1. */
export class CommandError extends Error {
  constructor(readonly error: AppErrorJson) {
    super(error.message)
  }
}

/** True when a flag's text is one of `values` (checked before the call, so the type can say so). */
export function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value)
}

/** The app folder (bundled skills, resources, built UI): two levels above this file, built or not. */
export const appRoot = resolve(__dirname, '..', '..')

/** Per-invocation state shared by commands: options, output, and the core, built on first use. */
export class CliContext {
  private core: Core | null = null

  constructor(
    readonly io: CliIo,
    readonly options: () => GlobalOptions,
  ) {}

  get json(): boolean {
    return this.options().json === true
  }

  get home(): string {
    return resolveHome(this.options().home, this.io.env)
  }

  /** The core, built on first use; long-running commands (serve, mcp) ask it to watch skill folders. */
  open(options: { watch?: boolean } = {}): Core {
    this.core ??= createCore({
      watch: options.watch,
      home: this.home,
      appRoot: this.io.app?.appRoot ?? appRoot,
      ...(this.io.app && {
        resourcesDir: this.io.app.resourcesDir,
        nativeBinding: this.io.app.nativeBinding,
      }),
      env: this.io.env,
      logger: new JsonLineLogger(
        this.io.env.SKILLDOCK_LOG_LEVEL === 'debug' ? 'debug' : 'error',
        this.io.stderr,
      ),
    })
    return this.core
  }

  /** Calls a route; a failure becomes a CommandError. */
  async call<N extends RouteName>(route: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
    const core = this.open()
    const progress = this.io.isTty
      ? new ProgressLine(this.io.stderr, `${route}…`, this.io.columns ?? 80)
      : null
    progress?.start(core)
    const result = (await core.invoke(route, input).finally(() => progress?.stop())) as Result<RouteOutput<N>>
    if (!result.ok) throw new CommandError(result.error)
    return result.data
  }

  print(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : text + '\n')
  }

  printJson(value: unknown): void {
    this.io.stdout(JSON.stringify(value, null, 2) + '\n')
  }

  /** Prints data as JSON with --json, else the human form. */
  output(value: unknown, human: () => string): void {
    if (this.json) this.printJson(value)
    else this.print(human())
  }

  async dispose(): Promise<void> {
    await this.core?.dispose()
    this.core = null
  }
}
