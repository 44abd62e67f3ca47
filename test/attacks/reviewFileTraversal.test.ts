import { execFileSync, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, skilldockBin } from '../support/build'
import { writeSkill } from '../support/fs'
import { routeAccess, startServe, stopAll } from './support/processes'

/**
 * `skills.readFile` lets the approval page show a pending skill's files. An attacker controls the
 * path sent to it (a hostile page holding a stolen token is out of scope, but a crafted link or a
 * buggy UI is not): no path may read a file outside the skill folder through a real `serve`.
 */
describe('reading a skill file for review never leaves the skill folder', () => {
  let home: string
  let secret: string
  let outside: string
  let installed: string
  let proposal: string
  let stagedDir: string
  const children: ChildProcess[] = []
  let origin: string
  let token: string

  const readFile = async (
    name: string,
    path: string,
  ): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> => {
    const reply = await fetch(`${origin}/api/invoke/skills.readFile`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, path }),
    })
    return (await reply.json()) as never
  }
  // The same, for the files a request asks to approve (a staged proposal reads its own folder).
  const readProposed = async (
    id: string,
    path: string,
  ): Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }> => {
    const reply = await fetch(`${origin}/api/invoke/approvals.readFile`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ id, path }),
    })
    return (await reply.json()) as never
  }

  // Folders live for the whole file (support's tempDir would remove them after the first test).
  const made: string[] = []
  const tempDir = (prefix: string): string => {
    const dir = mkdtempSync(join(tmpdir(), prefix))
    made.push(dir)
    return dir
  }

  beforeAll(async () => {
    ensureBuilt()
    home = tempDir('skilldock-review-home-')
    outside = tempDir('skilldock-review-outside-')
    secret = join(outside, 'secret.txt')
    writeFileSync(secret, 'TOP-SECRET-CANARY\n')
    const source = tempDir('skilldock-review-src-')
    writeSkill(source, 'peek', 'Reads files for review tests.', { 'scripts/run.py': 'print("hi")\n' })
    const run = (...args: string[]): string =>
      execFileSync(process.execPath, [skilldockBin, '--home', home, ...args, '--json'], { encoding: 'utf8' })
    run('add', join(source, 'peek'))
    installed = (JSON.parse(run('show', 'peek')) as { path: string }).path
    expect(existsSync(join(installed, 'scripts', 'run.py'))).toBe(true)

    // An approved skill with an optimize proposal staged in <home>/staged/greeter.
    writeSkill(source, 'greeter', 'Does a thing with names.', { 'scripts/run.py': 'print("hello")\n' })
    run('add', join(source, 'greeter'))
    const pending = JSON.parse(run('approvals')) as Array<{ id: string; skill: string }>
    run('approve', pending.find((request) => request.skill === 'greeter')!.id)
    // Two queries for greeter and one for no skill.
    const golden = join(__dirname, '..', 'fixtures', 'optimize', 'greeter-golden.json')
    const variants = join(source, 'variants.txt')
    writeFileSync(variants, 'Greets people by name and says hello. Use when asked to greet someone.\n')
    const proposed = JSON.parse(
      run('optimize', 'greeter', '--golden', golden, '--variant-file', variants),
    ) as { approvalId: string | null }
    proposal = proposed.approvalId!
    stagedDir = join(home, 'staged', 'greeter')
    expect(existsSync(join(stagedDir, 'SKILL.md'))).toBe(true)

    const { url } = await startServe(home, children, undefined, { ui: true })
    ;({ origin, token } = routeAccess(url))
  }, 240_000)

  afterAll(async () => {
    await stopAll(children)
    for (const dir of made) rmSync(dir, { recursive: true, force: true })
  })

  it('reads a file inside the pending skill', async () => {
    const reply = await readFile('peek', 'scripts/run.py')
    expect(reply).toEqual({ ok: true, data: { path: 'scripts/run.py', content: 'print("hi")\n' } })
  })

  it.each([
    '../../settings.json',
    '../peek/../../skilldock.db',
    'scripts/../../../etc/passwd',
    '/etc/passwd',
    'scripts\\..\\..\\settings.json',
    '.git/config',
    'SKILL.md\0.txt',
  ])('refuses %s with a clear error and reveals nothing', async (path) => {
    const reply = await readFile('peek', path)
    expect(reply.ok).toBe(false)
    expect(reply.error?.code).toBe('INVALID_INPUT')
    expect(reply.error?.message).toMatch(/inside the skill folder|not a regular file/)
    expect(JSON.stringify(reply)).not.toContain('TOP-SECRET-CANARY')
    expect(JSON.stringify(reply)).not.toContain('root:')
  })

  it('refuses links planted in the installed copy that point outside it', async () => {
    symlinkSync(secret, join(installed, 'leak.txt'))
    symlinkSync(outside, join(installed, 'linked'))
    for (const path of ['leak.txt', 'linked/secret.txt']) {
      const reply = await readFile('peek', path)
      expect(reply.ok).toBe(false)
      expect(reply.error?.message).toBe(`"${path}" is not a regular file; only files can be opened.`)
      expect(JSON.stringify(reply)).not.toContain('TOP-SECRET-CANARY')
    }
  })

  it('refuses the absolute path of a file outside', async () => {
    const reply = await readFile('peek', secret)
    expect(reply.ok).toBe(false)
    expect(JSON.stringify(reply)).not.toContain('TOP-SECRET-CANARY')
  })

  it('an unknown skill name is refused, not resolved as a folder', async () => {
    const reply = await readFile('../library', 'peek/SKILL.md')
    expect(reply.ok).toBe(false)
    expect(reply.error?.code).toBe('NOT_FOUND')
  })

  it('reads the staged proposal itself, not the installed copy, for a staged request', async () => {
    const reply = await readProposed(proposal, 'SKILL.md')
    expect(reply.ok).toBe(true)
    const { content } = reply.data as { content: string }
    expect(content).toContain('Greets people by name and says hello.')
    expect(content).not.toContain('Does a thing with names.')
  })

  it.each([
    '../../settings.json',
    '../greeter/../../skilldock.db',
    '../../library/peek/SKILL.md',
    'scripts/../../../etc/passwd',
    '/etc/passwd',
    'scripts\\..\\..\\settings.json',
    'SKILL.md\0.txt',
  ])('refuses %s in the staged folder with a clear error and reveals nothing', async (path) => {
    const reply = await readProposed(proposal, path)
    expect(reply.ok).toBe(false)
    expect(reply.error?.code).toBe('INVALID_INPUT')
    expect(reply.error?.message).toMatch(/inside the skill folder|not a regular file/)
    expect(JSON.stringify(reply)).not.toContain('TOP-SECRET-CANARY')
    expect(JSON.stringify(reply)).not.toContain('root:')
  })

  it('refuses links planted in the staged folder that point outside it', async () => {
    symlinkSync(secret, join(stagedDir, 'leak.txt'))
    symlinkSync(outside, join(stagedDir, 'linked'))
    for (const path of ['leak.txt', 'linked/secret.txt']) {
      const reply = await readProposed(proposal, path)
      expect(reply.ok).toBe(false)
      expect(reply.error?.message).toBe(`"${path}" is not a regular file; only files can be opened.`)
      expect(JSON.stringify(reply)).not.toContain('TOP-SECRET-CANARY')
    }
  })

  it('an unknown request id is refused, not resolved as a folder', async () => {
    const reply = await readProposed('../library', 'peek/SKILL.md')
    expect(reply.ok).toBe(false)
    expect(reply.error?.code).toBe('NOT_FOUND')
  })
})
