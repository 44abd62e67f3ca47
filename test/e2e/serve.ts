import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { test } from '@playwright/test'

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

/** Writes a skill folder `<root>/<name>/` with these files (name → content) and returns its path. */
export function writeSkillFolder(root: string, name: string, files: Record<string, string>): string {
  const dir = join(root, name)
  mkdirSync(dir, { recursive: true })
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content)
  return dir
}

/** skill.py of a FastMCP server: `lines` (imports, `mcp = FastMCP(…)`, its tools), then the `mcp.run()` entry point. */
export function fastMcpScript(lines: string[]): string {
  return [...lines, '', '', 'if __name__ == "__main__":', '    mcp.run()', ''].join('\n')
}

/** Calls a route of a running serve the way the UI does (with the session token); throws on `ok: false`. */
export async function invokeRoute(serve: ServeProcess, route: string, input: unknown): Promise<unknown> {
  const url = new URL(serve.url)
  const token = new URLSearchParams(url.hash.slice(1)).get('token')
  const reply = await fetch(`${url.origin}/api/invoke/${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await reply.json()) as { ok: boolean; data: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${route}: ${body.error?.message}`)
  return body.data
}

/** One spec file's serve, with a temp folder for the skills its tests write. */
export interface SpecServe {
  readonly serve: ServeProcess
  readonly sources: string
  /** `skilldock <args> --json` against the serve's data home. */
  cliJson(args: string[]): unknown
  invoke(route: string, input: unknown): Promise<unknown>
}

/**
 * Starts serve (and makes the sources folder) before the spec's tests, stops it and removes both
 * after them. Call it at the top of a spec file.
 */
export function serveForSpec(sourcesPrefix = 'skilldock-e2e-sources-'): SpecServe {
  let serve: ServeProcess | null = null
  let sources: string | null = null
  test.beforeAll(async () => {
    serve = await startServe()
    sources = mkdtempSync(join(tmpdir(), sourcesPrefix))
  })
  test.afterAll(async () => {
    await serve?.stop()
    if (sources) rmSync(sources, { recursive: true, force: true })
  })
  const running = (): ServeProcess => {
    if (!serve) throw new Error('serve is not running: use it inside a test')
    return serve
  }
  return {
    get serve() {
      return running()
    },
    get sources() {
      if (!sources) throw new Error('the sources folder is made before the tests run')
      return sources
    },
    cliJson: (args) => cliJson(running().home, args),
    invoke: (route, input) => invokeRoute(running(), route, input),
  }
}

/** Registers an MCP client (`skilldock clients add`) and connects it to the serve's endpoint with its token. */
export async function connectAgent(serve: ServeProcess, name: string): Promise<Client> {
  const { token } = cliJson(serve.home, ['clients', 'add', name]) as { token: string }
  const agent = new Client({ name, version: '1.0.0' }, { capabilities: {} })
  await agent.connect(
    new StreamableHTTPClientTransport(new URL(serve.mcpUrl), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  )
  return agent
}
