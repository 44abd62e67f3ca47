import { type ChildProcess, spawn } from 'node:child_process'
import {
  deserializeMessage,
  type JSONRPCMessage,
  serializeMessage,
  type Transport,
} from '@modelcontextprotocol/client'
import { StderrRing } from './stderrRing'

export interface ProcessSpec {
  command: string
  args: string[]
  env: Record<string, string>
  cwd: string
}

export interface TransportLimits {
  /** The largest single message a skill may write on stdout. */
  maxMessageBytes: number
  /** Grace periods of the shutdown sequence: close stdin → SIGTERM → SIGKILL. */
  stdinGraceMs: number
  termGraceMs: number
}

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  maxMessageBytes: 16 * 1024 * 1024,
  stdinGraceMs: 1500,
  termGraceMs: 1500,
}

/**
 * Newline-delimited JSON-RPC, like the SDK's ReadBuffer, except that a line that is not JSON is an
 * error rather than skipped: a skill printing to stdout breaks the protocol and is told so.
 */
class LineBuffer {
  private buffer: Buffer | undefined

  constructor(private readonly maxBufferSize: number) {}

  append(chunk: Buffer): void {
    if ((this.buffer?.length ?? 0) + chunk.length > this.maxBufferSize) {
      this.clear()
      throw new Error(`the message exceeds ${this.maxBufferSize} bytes`)
    }
    this.buffer = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk
  }

  readMessage(): JSONRPCMessage | null {
    if (!this.buffer) return null
    const index = this.buffer.indexOf('\n')
    if (index === -1) return null
    const line = this.buffer.toString('utf8', 0, index).replace(/\r$/, '')
    this.buffer = this.buffer.subarray(index + 1)
    return deserializeMessage(line)
  }

  clear(): void {
    this.buffer = undefined
  }
}

/**
 * MCP over the stdio of a skill process, on the SDK's message schema, with what a
 * supervisor needs on top: the process group for clean kills, a bounded stderr tail, a size limit
 * on messages, and a clear reason when the skill breaks the protocol.
 */
export class SkillProcessTransport implements Transport {
  onclose?: () => void
  onerror?: (error: Error) => void
  onmessage?: <T extends JSONRPCMessage>(message: T) => void

  readonly stderr: StderrRing
  private child: ChildProcess | null = null
  private readonly buffer: LineBuffer
  private exited: Promise<void> = Promise.resolve()
  /** Why the process is being stopped by us, when it is: shown instead of a generic crash. */
  failure: string | null = null
  exitInfo: { code: number | null; signal: NodeJS.Signals | null } | null = null

  constructor(
    private readonly spec: ProcessSpec,
    private readonly limits: TransportLimits = DEFAULT_TRANSPORT_LIMITS,
    onStderrLine: (line: string) => void = () => {},
  ) {
    this.stderr = new StderrRing(200, 2000, onStderrLine)
    this.buffer = new LineBuffer(limits.maxMessageBytes)
  }

  private spawnedPid: number | undefined

  /** The process id (kept after it exited, so its records can be cleaned up). */
  get pid(): number | undefined {
    return this.spawnedPid
  }

  /** Spawns the process; a second call (the SDK Client's connect calls start too) does nothing. */
  async start(): Promise<void> {
    if (this.started) return this.started
    this.started = this.spawnProcess()
    return this.started
  }

  private started: Promise<void> | null = null

  private async spawnProcess(): Promise<void> {
    const child = spawn(this.spec.command, this.spec.args, {
      cwd: this.spec.cwd,
      env: this.spec.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group, so everything the skill starts is stopped with it.
      detached: process.platform !== 'win32',
      windowsHide: true,
    })
    this.child = child
    this.spawnedPid = child.pid
    this.exited = new Promise((resolve) => child.once('close', () => resolve()))
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', () => resolve())
      child.once('error', (err) => reject(err))
    })
    child.on('error', (err) => this.onerror?.(err))
    child.once('close', (code, signal) => {
      this.exitInfo = { code, signal }
      // Whatever the skill left running in its process group goes with it.
      if (child.pid !== undefined && process.platform !== 'win32') {
        try {
          process.kill(-child.pid, 'SIGKILL')
        } catch {
          // The group is already empty.
        }
      }
      this.child = null
      this.onclose?.()
    })
    child.stderr?.setEncoding('utf8')
    child.stderr?.on('data', (chunk: string) => this.stderr.push(chunk))
    child.stdout?.on('data', (chunk: Buffer) => this.receive(chunk))
    child.stdin?.on('error', () => {
      // EPIPE after the skill died: the close handler reports it.
    })
  }

  private receive(chunk: Buffer): void {
    try {
      this.buffer.append(chunk)
    } catch {
      return this.fail(
        `it wrote a message larger than ${Math.round(this.limits.maxMessageBytes / 1024 / 1024)} MiB on stdout`,
      )
    }
    for (;;) {
      let message: JSONRPCMessage | null
      try {
        message = this.buffer.readMessage()
      } catch (err) {
        const hint = err instanceof SyntaxError ? '' : ` (${(err as Error).message.slice(0, 200)})`
        return this.fail(
          `it wrote something that is not an MCP message on stdout${hint}; tools must print to stderr ` +
            '(print(..., file=sys.stderr)) or use logging',
        )
      }
      if (message === null) return
      this.onmessage?.(message)
    }
  }

  /** Stops the process because it broke the protocol; the reason is kept for the error shown. */
  private fail(reason: string): void {
    if (this.failure !== null) return
    this.failure = reason
    this.buffer.clear()
    this.onerror?.(new Error(reason))
    this.kill('SIGKILL')
  }

  async send(message: JSONRPCMessage): Promise<void> {
    const stdin = this.child?.stdin
    if (!stdin || stdin.destroyed) throw new Error('the skill process is not running')
    const text = serializeMessage(message)
    if (!stdin.write(text)) await new Promise<void>((resolve) => stdin.once('drain', () => resolve()))
  }

  private kill(signal: NodeJS.Signals): void {
    const pid = this.child?.pid
    if (pid === undefined) return
    try {
      if (process.platform !== 'win32') process.kill(-pid, signal)
      else this.child?.kill(signal)
    } catch {
      // Already gone.
    }
  }

  /** Closes stdin, then SIGTERM, then SIGKILL, each after a grace period; resolves when it is gone. */
  async close(): Promise<void> {
    if (!this.child) return this.exited
    const gone = this.exited
    const waitFor = (ms: number) =>
      Promise.race([
        gone.then(() => true),
        new Promise<boolean>((r) => setTimeout(() => r(false), ms).unref()),
      ])
    this.child.stdin?.end()
    if (await waitFor(this.limits.stdinGraceMs)) return
    this.kill('SIGTERM')
    if (await waitFor(this.limits.termGraceMs)) return
    this.kill('SIGKILL')
    await gone
  }

  /** Kills at once (a hung skill, a timeout). */
  async terminate(reason: string): Promise<void> {
    this.failure ??= reason
    this.kill('SIGKILL')
    await this.exited
  }
}
