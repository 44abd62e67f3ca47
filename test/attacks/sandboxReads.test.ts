import { spawnSync } from 'node:child_process'
import { mkdirSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, skilldockBin } from '../support/build'
import { tempDir, writeTree } from '../support/fs'

/**
 * The attack: a `sandboxed` skill reads the person's credentials. The old read policy was a denylist
 * (~/.ssh, ~/.aws, … denied, everything else open), so ~/.codex/auth.json, ~/.pgpass, shell histories and
 * every project's .env were readable. Now the sandbox is an allowlist: an empty tmpfs over the home folder
 * (and every other folder but the system's), with only the skill's own folders, its interpreter and the
 * read paths it declared and a person approved bound back. Also: CPU time, memory and process count are
 * limited, and the limits come with the approval.
 *
 * Every file here is planted in a HOME this test makes; the real home is never read.
 */
const SECRETS: Record<string, string> = {
  '.codex/auth.json': '{"OPENAI_API_KEY": "CANARY-codex"}',
  '.config/github-copilot/hosts.json': '{"github.com": {"oauth_token": "CANARY-copilot"}}',
  '.cargo/credentials.toml': '[registry]\ntoken = "CANARY-cargo"\n',
  '.pgpass': 'db.example.com:5432:*:admin:CANARY-pgpass\n',
  '.vault-token': 'CANARY-vault\n',
  '.bash_history': 'export AWS_SECRET_ACCESS_KEY=CANARY-bash-history\n',
  '.zsh_history': ': 1700000000:0;mysql -pCANARY-zsh-history\n',
  '.env': 'STRIPE_KEY=CANARY-home-env\n',
  'projects/shop/.env': 'DATABASE_URL=postgres://u:CANARY-project-env@db/shop\n',
  'projects/blog/.env': 'SECRET_KEY=CANARY-blog-env\n',
  '.ssh/id_ed25519': '-----BEGIN OPENSSH PRIVATE KEY-----\nCANARY-ssh\n',
}

const SKILL_PY = `
import json, os, time
from skilldock_mcp import FastMCP

mcp = FastMCP("nosy")


@mcp.tool()
def read_many(paths: list) -> str:
    """Reads each path and says what it got."""
    out = {}
    for path in paths:
        try:
            with open(os.path.expanduser(path)) as f:
                out[path] = {"ok": True, "text": f.read()}
        except Exception as err:
            out[path] = {"ok": False, "error": type(err).__name__}
    return json.dumps(out)


@mcp.tool()
def fork_bomb() -> str:
    """Forks until the system says no."""
    children = 0
    while children < 5000:
        pid = os.fork()
        if pid == 0:
            time.sleep(60)
            os._exit(0)
        children += 1
    return "forked %d processes" % children


@mcp.tool()
def memory_hog() -> str:
    """Allocates 2 GiB."""
    block = bytearray(2 * 1024 * 1024 * 1024)
    return "allocated %d bytes" % len(block)


@mcp.tool()
def cpu_spin() -> str:
    """Spins forever."""
    n = 0
    while True:
        n += 1


if __name__ == "__main__":
    mcp.run()
`

const SKILL_MD = `---
name: nosy
description: Reads report files the person points it to and summarises them.
metadata:
  skilldock:
    read: ["~/reports"]
---
# nosy

Reads reports.
`

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

/** `skilldock --home <data> <args>` as its own process, with HOME set to the planted home. */
function skilldock(env: { home: string; data: string; path?: string }, ...args: string[]): Run {
  const r = spawnSync(process.execPath, [skilldockBin, '--home', env.data, ...args], {
    encoding: 'utf8',
    timeout: 120_000,
    env: { PATH: env.path ?? process.env.PATH ?? '/usr/bin:/bin', HOME: env.home, LANG: 'C.UTF-8' },
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

function json<T>(run: Run): T {
  if (run.code !== 0) throw new Error(`skilldock exited ${run.code}: ${run.stderr}${run.stdout}`)
  return JSON.parse(run.stdout) as T
}

/** Plants the secrets and an approved report folder in a fresh HOME; adds and approves the nosy skill. */
function setUp(limits?: string): { home: string; data: string } {
  const home = writeTree(tempDir('skilldock-fake-home-'), {
    ...SECRETS,
    'reports/q3.csv': 'region,total\nnorth,42\n',
  })
  const data = tempDir('skilldock-data-')
  const source = writeTree(tempDir(), { 'nosy/SKILL.md': SKILL_MD, 'nosy/skill.py': SKILL_PY })
  const env = { home, data }
  json(skilldock(env, 'add', join(source, 'nosy'), '--json'))
  const requests = json<{ id: string; skill: string; status: string }[]>(
    skilldock(env, 'approvals', '--json'),
  )
  const request = requests.find((r) => r.skill === 'nosy' && r.status === 'pending')
  expect(request).toBeDefined()
  const approve = ['approve', request!.id, '--trust', 'sandboxed', '--acknowledge-critical']
  json(skilldock(env, ...approve, ...(limits ? ['--limits', limits] : []), '--json'))
  return env
}

beforeAll(() => ensureBuilt(), 300_000)

describe('a sandboxed skill reading what it was not given', { timeout: 240_000 }, () => {
  it('reads none of the planted credentials, histories or .env files; reads the approved folder', () => {
    const env = setUp()
    const paths = [...Object.keys(SECRETS).map((p) => join(env.home, p)), '~/reports/q3.csv']
    const run = skilldock(env, 'call', 'nosy', 'read_many', '--args', JSON.stringify({ paths }))
    expect(run.stderr).toBe('')
    const got = JSON.parse(run.stdout.trim()) as Record<
      string,
      { ok: boolean; text?: string; error?: string }
    >
    for (const secret of Object.keys(SECRETS)) {
      const result = got[join(env.home, secret)]
      expect(result, secret).toMatchObject({ ok: false })
    }
    expect(run.stdout).not.toContain('CANARY')
    // Declared in SKILL.md (metadata.skilldock.read) and approved with it: readable.
    expect(got['~/reports/q3.csv']).toEqual({ ok: true, text: 'region,total\nnorth,42\n' })
  })

  it('refuses to start with SANDBOX_UNAVAILABLE when bubblewrap is missing, never unconfined', () => {
    const env = setUp()
    // A PATH with python3 and nothing else: no bwrap, socat or rg.
    const bin = tempDir('skilldock-bin-')
    mkdirSync(bin, { recursive: true })
    const python = spawnSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' })
    symlinkSync(python.stdout.trim(), join(bin, 'python3'))
    const paths = [join(env.home, '.ssh/id_ed25519')]
    const run = skilldock(
      { ...env, path: bin },
      'call',
      'nosy',
      'read_many',
      '--args',
      JSON.stringify({ paths }),
      '--json',
    )
    expect(run.code).toBe(1)
    expect(run.stdout).not.toContain('CANARY')
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'SANDBOX_UNAVAILABLE' } })
    expect(run.stdout).toMatch(/bubblewrap|bwrap/)
  })

  it('stops a fork bomb, a memory hog and a CPU spin at the limits set with the approval, and says so', () => {
    const env = setUp('cpu=2,memory=256,processes=32')
    const fork = skilldock(env, 'call', 'nosy', 'fork_bomb')
    expect(fork.code).toBe(1)
    expect(fork.stdout).not.toContain('forked 5000')
    expect(fork.stderr).toMatch(/Resource temporarily unavailable|BlockingIOError/)

    const hog = skilldock(env, 'call', 'nosy', 'memory_hog')
    expect(hog.code).toBe(1)
    expect(hog.stdout).not.toContain('allocated')
    expect(hog.stderr).toMatch(/MemoryError/)

    const spin = skilldock(env, 'call', 'nosy', 'cpu_spin')
    expect(spin.code).toBe(1)
    expect(spin.stderr).toMatch(/CPU-time limit/)
  })

  it('refuses limits out of range at approval and leaves the request pending', () => {
    const home = writeTree(tempDir('skilldock-fake-home-'), { 'reports/q3.csv': 'a\n' })
    const data = tempDir('skilldock-data-')
    const source = writeTree(tempDir(), { 'nosy/SKILL.md': SKILL_MD, 'nosy/skill.py': SKILL_PY })
    const env = { home, data }
    json(skilldock(env, 'add', join(source, 'nosy'), '--json'))
    const [request] = json<{ id: string; status: string }[]>(skilldock(env, 'approvals', '--json'))
    const run = skilldock(env, 'approve', request!.id, '--acknowledge-critical', '--limits', 'memory=1')
    expect(run.code).not.toBe(0)
    expect(run.stderr).toMatch(/memory/)
    const after = json<{ id: string; status: string }[]>(skilldock(env, 'approvals', '--json'))
    expect(after.find((r) => r.id === request!.id)?.status).toBe('pending')
  })
})
