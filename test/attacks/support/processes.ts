import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { skilldockBin } from '../../support/build'
import { tempDir } from '../../support/fs'
import { afterEach } from 'vitest'
import { type Era, httpClient, root } from '../../support/mcp'

/** One finished `skilldock` process. */
export interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `skilldock --home <home> <args>` as its own OS process (nothing shared with the test but the files). */
export function skilldockRun(home: string, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [skilldockBin, '--home', home, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

/** Like `skilldockRun`, parsing `--json` output; throws with stderr when the command failed. */
export function skilldockJson<T>(home: string, ...args: string[]): T {
  const r = skilldockRun(home, ...args, '--json')
  if (r.code !== 0) throw new Error(`skilldock ${args.join(' ')} exited ${r.code}: ${r.stderr}${r.stdout}`)
  return JSON.parse(r.stdout) as T
}

/**
 * `skilldock --home <data>` as its own process with HOME set to a fake home the test made (so a
 * sandboxed skill's view of "your files" is the test's planted files, never the real user's).
 */
export function cliWithHome(data: string, home: string) {
  const run = (...args: string[]): Run => {
    const r = spawnSync(process.execPath, [skilldockBin, '--home', data, ...args], {
      encoding: 'utf8',
      timeout: 120_000,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
    })
    return { code: r.status, stdout: r.stdout, stderr: r.stderr }
  }
  const json = <T>(...args: string[]): T => {
    const r = run(...args, '--json')
    if (r.code !== 0) throw new Error(`skilldock ${args.join(' ')}: ${r.stderr}${r.stdout}`)
    return JSON.parse(r.stdout) as T
  }
  return { run, json }
}

interface ListedSkill {
  name: string
  state: string
}

/** The skill's state as `skilldock list` (a fresh process) reports it. */
export function stateOf(home: string, skill: string): string | undefined {
  return skilldockJson<ListedSkill[]>(home, 'list').find((s) => s.name === skill)?.state
}

export interface Request {
  id: string
  skill: string
  kind: string
  status: string
  fingerprint: string | null
  findings: { rule: string; file: string | null }[]
}

/** The pending requests of the inbox, as `skilldock approvals` lists them. */
export function pendingRequests(home: string): Request[] {
  return skilldockJson<Request[]>(home, 'approvals').filter((a) => a.status === 'pending')
}

/** A copy of a fixture skill in a temp folder (the original stays untouched). */
export function copyFixture(relative: string, name: string): string {
  const dir = join(tempDir(), name)
  cpSync(join(root, 'test', 'fixtures', relative), dir, {
    recursive: true,
    filter: (src) => !src.includes('__pycache__'),
  })
  return dir
}

/** Adds a skill folder with separate processes and approves it as trusted; returns its library folder. */
export function addAndApprove(home: string, dir: string, skill: string): string {
  skilldockJson(home, 'add', dir)
  const request = pendingRequests(home).find((a) => a.skill === skill)
  if (!request) throw new Error(`no pending request for ${skill}`)
  skilldockJson(home, 'approve', request.id, '--trust', 'trusted')
  if (stateOf(home, skill) !== 'active') throw new Error(`${skill} is not active after approval`)
  return join(home, 'skills', skill)
}

/**
 * `skilldock serve` on a free port as its own process (API and MCP only unless `ui`); resolves with
 * it and its URLs once it listens.
 */
export async function startServe(
  home: string,
  children: ChildProcess[],
  env?: NodeJS.ProcessEnv,
  { ui = false }: { ui?: boolean } = {},
) {
  const args = [skilldockBin, '--home', home, 'serve', '--port', '0', ...(ui ? [] : ['--no-ui'])]
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()))
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve)
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)))
  })
  return { child, ...(JSON.parse(first) as { url: string; mcpUrl: string }) }
}

/** The processes and clients a test opened, for `closedAfterEach` (or a test file's own afterEach) to close. */
export interface Opened {
  children: ChildProcess[]
  clients: { close(): Promise<unknown> }[]
}

/**
 * `serve` for `home` as its own process, and an MCP client of `era` connected to it as the client
 * `agent` registered through the CLI (`clients add`); both go into `opened` to be closed. Returns the
 * client, and the endpoint and token to connect another one.
 */
export async function serveWithAgent(home: string, opened: Opened, era?: Era) {
  const { token } = skilldockJson<{ token: string }>(home, 'clients', 'add', 'agent')
  const { mcpUrl } = await startServe(home, opened.children)
  const client = await httpClient(mcpUrl, token, 'agent', era)
  opened.clients.push(client)
  return { client, mcpUrl, token }
}

/** Where the UI of a serve at `url` calls its routes: the origin, and the session token in the URL's hash. */
export function routeAccess(url: string): { origin: string; token: string } {
  const parsed = new URL(url)
  return { origin: parsed.origin, token: parsed.hash.replace('#token=', '') }
}

/** Ends `serve` processes started by a test, waiting for each to exit. */
export async function stopAll(children: ChildProcess[]): Promise<void> {
  for (const child of children.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    await exited
  }
}

/**
 * The processes and MCP clients a test file starts, closed after each test: clients first, then
 * the `serve` processes (call at the top level of the test file).
 */
export function closedAfterEach(): Opened {
  const children: ChildProcess[] = []
  const clients: Opened['clients'] = []
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.close().catch(() => undefined)
    await stopAll(children)
  })
  return { children, clients }
}
