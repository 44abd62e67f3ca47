/**
 * The OS sandbox for `sandboxed` skills, for real: bubblewrap, socat and the sandbox library's proxy, with
 * real python3 processes, a real canary file in the user's real ~/.ssh and a real HTTP server on 127.0.0.1.
 * Each probe is first shown to succeed without the sandbox where that matters, so a pass means the sandbox
 * did the blocking.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  rmdirSync,
  writeFileSync,
} from 'node:fs'
import { createServer, type Server } from 'node:http'
import { connect } from 'node:net'
import { homedir, tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { SandboxManager } from '@anthropic-ai/sandbox-runtime'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createSkillSandbox,
  type SandboxedCommand,
  type SandboxPolicy,
  type SkillSandbox,
} from '../../src-main/core/runtime/sandbox'

const repo = resolve(__dirname, '..', '..')
const fixtures = join(repo, 'test', 'fixtures', 'sandbox')
const kitDir = join(repo, 'resources', 'python')
/** What SkillDock gives a skill: a minimal environment (the launcher builds it the same way). */
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: homedir() }
const tag = randomBytes(6).toString('hex')

interface Outcome {
  ok: boolean
  value?: string
  error?: string
  status?: number
}
interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** Spawns a (wrapped) command as the supervisor does, feeds it `input`, and waits for it to exit. */
function run(cmd: SandboxedCommand, input = '', cwd?: string): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(cmd.command, cmd.args, { env: cmd.env, cwd, stdio: ['pipe', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('error', fail)
    child.once('close', (code) => {
      clearTimeout(timer)
      cmd.release?.()
      done({ code, stdout, stderr })
    })
    child.stdin.end(input)
  })
}

/** How many live processes carry `marker` as a whole argument (the sandbox shares the host's process table). */
function processesWith(marker: string): number {
  let count = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').includes(marker)) count++
    } catch {
      // Gone meanwhile.
    }
  }
  return count
}

const unsandboxed = (command: string, args: string[]): SandboxedCommand => ({ command, args, env })

describe('the OS sandbox around skill processes', () => {
  const root = join(tmpdir(), `skilldock-sandbox-test-${tag}`)
  const dataHome = join(root, 'home')
  const skillDir = join(dataHome, 'skills', 'probe')
  const dataDir = join(dataHome, 'skill-data', 'probe')
  const outside = join(root, 'outside')
  const sshDir = join(homedir(), '.ssh')
  const canary = join(sshDir, `skilldock-canary-${tag}`)
  const canaryText = `canary-${tag}`
  const dbText = `DATABASE-${tag}`
  const homeTarget = join(homedir(), `skilldock-sandbox-write-${tag}`)
  let madeSshDir = false
  let sandbox: SkillSandbox

  const policy = (allowedDomains: string[] = []): SandboxPolicy => ({
    dataDir,
    readable: [skillDir, kitDir],
    dataHome,
    allowedDomains,
  })
  const probeArgs = (ops: unknown[]): string[] => ['-I', join(skillDir, 'probe.py'), JSON.stringify(ops)]

  /** Runs probe.py with the given operations, sandboxed under `policy` or (policy null) not. */
  async function probe(ops: unknown[], p: SandboxPolicy | null = policy()): Promise<Outcome[]> {
    const cmd = p
      ? await sandbox.wrap('python3', probeArgs(ops), env, p)
      : unsandboxed('python3', probeArgs(ops))
    const result = await run(cmd, '', skillDir)
    expect(result.code, result.stderr).toBe(0)
    return JSON.parse(result.stdout) as Outcome[]
  }

  beforeAll(() => {
    madeSshDir = !existsSync(sshDir)
    if (madeSshDir) mkdirSync(sshDir, { mode: 0o700 })
    writeFileSync(canary, canaryText, { mode: 0o600 })
    mkdirSync(skillDir, { recursive: true })
    mkdirSync(dataDir, { recursive: true })
    mkdirSync(outside, { recursive: true })
    cpSync(fixtures, skillDir, { recursive: true })
    writeFileSync(join(dataHome, 'skilldock.db'), dbText)
    writeFileSync(join(dataHome, 'settings.json'), '{"secretish": true}')
    sandbox = createSkillSandbox()
  })

  afterAll(async () => {
    await sandbox.dispose()
    rmSync(canary, { force: true })
    if (madeSshDir) {
      try {
        rmdirSync(sshDir)
      } catch {
        // Something else put a file there meanwhile: it is no longer only ours to remove.
      }
    }
    rmSync(homeTarget, { force: true })
    rmSync(root, { recursive: true, force: true })
  })

  it('is available on this machine', async () => {
    expect(await sandbox.unavailableReason()).toBeNull()
  })

  it('hides ~/.ssh and the data home (its database included) but not the skill folder', async () => {
    const reads = [
      ['read', canary],
      ['read', join(dataHome, 'skilldock.db')],
      ['read', join(dataHome, 'settings.json')],
      ['read', join(skillDir, 'notes', 'SKILL.md')],
    ]
    const [sshPlain, dbPlain] = await probe(reads, null)
    expect(sshPlain).toEqual({ ok: true, value: canaryText })
    expect(dbPlain).toEqual({ ok: true, value: dbText })

    const [ssh, db, settings, own] = await probe(reads)
    expect(ssh?.ok).toBe(false)
    expect(db?.ok).toBe(false)
    expect(settings?.ok).toBe(false)
    expect(own).toMatchObject({ ok: true, value: expect.stringContaining('name: notes') })
  })

  it('writes only inside its data folder, with its temp files there too', async () => {
    const writes = [
      ['write', join(dataDir, 'kept.txt'), 'mine'],
      ['write', join(outside, 'escaped.txt'), 'x'],
      ['write', join(skillDir, 'tampered.txt'), 'x'],
      ['write', homeTarget, 'x'],
      ['tempfile'],
    ]
    const [own, out, skill, home, temp] = await probe(writes)
    expect(own?.ok).toBe(true)
    expect(readFileSync(join(dataDir, 'kept.txt'), 'utf8')).toBe('mine')
    // Outside the allowlist a folder is not even there (an empty tmpfs); inside it, it is read-only.
    for (const denied of [out, skill])
      expect(denied?.error).toMatch(/Read-only file system|Permission denied|No such file or directory/)
    // The home folder is an empty in-memory tmpfs: a write there lands in it and vanishes with the sandbox.
    expect(home).toBeDefined()
    expect(existsSync(join(outside, 'escaped.txt'))).toBe(false)
    expect(existsSync(join(skillDir, 'tampered.txt'))).toBe(false)
    expect(existsSync(homeTarget)).toBe(false)
    expect(temp?.value?.startsWith(join(dataDir, '.tmp') + '/')).toBe(true)
    expect(existsSync(temp?.value ?? '')).toBe(true)
  })

  describe('network', () => {
    let server: Server
    let port = 0
    let hits = 0

    beforeAll(async () => {
      server = createServer((_req, res) => {
        hits++
        res.end('hello from the test server')
      })
      await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening))
      const address = server.address()
      port = typeof address === 'object' && address ? address.port : 0
    })

    afterAll(() => new Promise<void>((closed) => server.close(() => closed())))

    it('reaches only what the skill declared, per skill, even when two run at once', async () => {
      const url = `http://127.0.0.1:${port}/`
      const [plain] = await probe([['connect', '127.0.0.1', port]], null)
      expect(plain?.ok).toBe(true)
      hits = 0

      const ops = [
        ['connect', '127.0.0.1', port],
        ['proxy_get', url],
      ]
      const [undeclared, declared] = await Promise.all([
        probe(ops, policy(['api.example.com'])),
        probe(ops, policy([`127.0.0.1:${port}`])),
      ])
      // No route out of the sandbox's own network namespace: a direct connection is refused.
      expect(undeclared?.[0]?.ok).toBe(false)
      expect(undeclared?.[1]).toMatchObject({ ok: false, status: 403, error: 'blocked-by-allowlist' })
      // The declared host is reached, through the proxy only.
      expect(declared?.[1]).toMatchObject({ ok: true, value: 'hello from the test server' })
      expect(hits).toBe(1)
    })

    it('has no network at all when the skill declares none', async () => {
      hits = 0
      const [direct, proxied] = await probe([
        ['connect', '127.0.0.1', port],
        ['proxy_get', `http://127.0.0.1:${port}/`],
      ])
      expect(direct?.ok).toBe(false)
      expect(proxied).toMatchObject({ ok: false, status: 403 })
      expect(hits).toBe(0)
    })
  })

  it('passes stdio through untouched: a line in, the same line out, nothing else on stdout', async () => {
    const line = '{"jsonrpc":"2.0","id":1,"method":"ping"}\n'
    // A chatty shell startup file must not leak in (bash -c sources ~/.bashrc when stdin is a socket).
    const chattyHome = join(root, 'chatty-home')
    mkdirSync(chattyHome, { recursive: true })
    writeFileSync(join(chattyHome, '.bashrc'), 'echo "hello from .bashrc"\n')
    const cmd = await sandbox.wrap(
      'python3',
      ['-I', join(skillDir, 'echo.py')],
      { ...env, HOME: chattyHome },
      policy(),
    )
    const result = await run(cmd, line, skillDir)
    expect(result.code).toBe(0)
    expect(result.stdout).toBe(line)
  })

  it('stops the skill inside when the process it was given is terminated', async () => {
    const marker = `stop-me-${tag}`
    const cmd = await sandbox.wrap('python3', ['-I', join(skillDir, 'echo.py'), marker], env, policy())
    const child = spawn(cmd.command, cmd.args, { env: cmd.env, stdio: ['pipe', 'pipe', 'pipe'] })
    const closed = new Promise<NodeJS.Signals | null>((done) =>
      child.once('close', (_code, signal) => done(signal)),
    )
    try {
      await expect.poll(() => processesWith(marker), { timeout: 5000 }).toBeGreaterThan(0)
      child.kill('SIGTERM')
      expect(await closed).toBe('SIGTERM')
      await expect.poll(() => processesWith(marker), { timeout: 5000 }).toBe(0)
    } finally {
      child.kill('SIGKILL')
      cmd.release?.()
    }
  })

  it('runs an MCP stdio server: handshake, tool calls, and the same walls', async () => {
    const cmd = await sandbox.wrap(
      'python3',
      ['-I', join(kitDir, 'launch.py'), join(skillDir, 'notes', 'skill.py')],
      env,
      policy(),
    )
    const transport = new StdioClientTransport({ ...cmd, cwd: skillDir, stderr: 'pipe' })
    const client = new Client({ name: 'sandbox-test', version: '1.0.0' })
    try {
      await client.connect(transport)
      const { tools } = await client.listTools()
      expect(tools.map((tool) => tool.name).sort()).toEqual(['read_text', 'write_text'])
      const text = async (name: string, args: Record<string, string>): Promise<string> => {
        const result = await client.callTool({ name, arguments: args })
        const [first] = result.content as { type: string; text: string }[]
        return first?.text ?? ''
      }
      expect(await text('write_text', { path: join(dataDir, 'note.txt'), text: 'hi' })).toBe('written')
      expect(await text('read_text', { path: join(dataDir, 'note.txt') })).toBe('hi')
      expect(await text('read_text', { path: canary })).toMatch(/^denied/)
      expect(await text('write_text', { path: join(outside, 'note.txt'), text: 'x' })).toMatch(/^denied/)
    } finally {
      await client.close()
      cmd.release?.()
    }
  })

  it('says why and refuses to wrap when bubblewrap cannot be found', async () => {
    const missing = createSkillSandbox({ path: '/nonexistent' })
    try {
      const reason = await missing.unavailableReason()
      expect(reason).toMatch(
        /^bubblewrap \(bwrap\), socat, ripgrep \(rg\) are not installed: sudo apt-get install/,
      )
      await expect(missing.wrap('python3', ['-c', 'pass'], env, policy())).rejects.toMatchObject({
        code: 'SANDBOX_UNAVAILABLE',
        message: reason,
      })
    } finally {
      await missing.dispose()
    }
  })

  it('stops the network proxy on dispose', async () => {
    const proxyPort = SandboxManager.getProxyPort()
    expect(proxyPort).toBeGreaterThan(0)
    await sandbox.dispose()
    const refused = await new Promise<boolean>((answer) => {
      const socket = connect(proxyPort ?? 0, '127.0.0.1')
      socket.once('connect', () => {
        socket.destroy()
        answer(false)
      })
      socket.once('error', () => answer(true))
    })
    expect(refused).toBe(true)
  })
})
