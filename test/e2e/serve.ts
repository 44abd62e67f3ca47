import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'

export interface ServeProcess {
  url: string
  mcpUrl: string
  home: string
  process: ChildProcess
  stop(): Promise<void>
}

const root = resolve(__dirname, '..', '..')

/** Starts the built `skilldock serve` on a free port with a fresh data home. */
export async function startServe(): Promise<ServeProcess> {
  const home = mkdtempSync(join(tmpdir(), 'skilldock-e2e-'))
  const child = spawn(
    process.execPath,
    [join(root, 'resources/bin/skilldock.cjs'), '--home', home, 'serve', '--port', '0'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const first = await new Promise<string>((resolveLine, reject) => {
    const lines = createInterface({ input: child.stdout! })
    lines.once('line', resolveLine)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  const { url, mcpUrl } = JSON.parse(first) as { url: string; mcpUrl: string }
  return {
    url,
    mcpUrl,
    home,
    process: child,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await exited
      }
      rmSync(home, { recursive: true, force: true })
    },
  }
}

/** Runs the built `skilldock <args> --json` against a data home and parses its one JSON document. */
export function cliJson(home: string, args: string[]): unknown {
  return JSON.parse(
    execFileSync(
      process.execPath,
      [join(root, 'resources/bin/skilldock.cjs'), '--home', home, ...args, '--json'],
      {
        encoding: 'utf8',
      },
    ),
  )
}
