import { join, resolve } from 'node:path'
import { readdirSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'

const repoSkills = resolve(__dirname, '../../../skills')
const bundled = readdirSync(repoSkills).map((n) => join(repoSkills, n))

describe('skilldock CLI', () => {
  it('init creates the data home and is idempotent', async () => {
    const home = join(tempDir(), 'home')
    const first = await cli(['--home', home, 'init'])
    expect(first.code).toBe(0)
    expect(first.stdout).toContain(`data home ready at ${home}`)
    expect(readdirSync(home).sort()).toEqual(
      expect.arrayContaining(['skilldock.db', 'skills', 'drafts', 'logs']),
    )
    expect((await cli(['--home', home, 'init'])).code).toBe(0)
  })

  it('validate exits 0 for every bundled skill', async () => {
    const run = await cli(['validate', ...bundled, '--json'])
    const reports = run.json() as { name: string; valid: boolean; errors: unknown[] }[]
    expect(reports.filter((r) => !r.valid)).toEqual([])
    expect(run.code).toBe(0)
    expect(reports.length).toBeGreaterThanOrEqual(6)
  })

  it('validate exits 1 with one error per problem, each with its line', async () => {
    const dir = tempDir()
    writeFileSync(
      join(dir, 'SKILL.md'),
      ['---', 'name: Bad_Name', `description: ${'x'.repeat(2000)}`, 'tags: [a, b', '---', 'Body'].join('\n'),
    )
    const run = await cli(['validate', dir])
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/error NAME_INVALID \(line 2\)/)
    expect(run.stdout).toMatch(/error DESCRIPTION_TOO_LONG \(line 3\)/)
    expect(run.stdout).toMatch(/error YAML_ERROR \(line \d+\)/)
  })

  it('list --json gives the documented fields with eligibility and reasons', async () => {
    const home = tempDir()
    const run = await cli(['--home', home, 'list', '--json'])
    expect(run.code).toBe(0)
    const skills = run.json() as Record<string, unknown>[]
    const names = skills.map((s) => s.name)
    expect(names).toEqual(expect.arrayContaining(['csv-profiler', 'text-stats', 'github-helper']))
    for (const s of skills) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining([
          'name',
          'version',
          'state',
          'trust',
          'source',
          'eligible',
          'ineligibleReasons',
          'risk',
          'description',
        ]),
      )
    }
    const gh = skills.find((s) => s.name === 'github-helper')!
    const hasGh = (process.env.PATH ?? '').split(':').some((d) => {
      try {
        return readdirSync(d).includes('gh')
      } catch {
        return false
      }
    })
    expect(gh.eligible).toBe(hasGh)
    if (!hasGh) expect(gh.ineligibleReasons).toEqual(['needs `gh` on PATH'])
  })

  it('search ranks by relevance and show prints files and fingerprint', async () => {
    const home = tempDir()
    const search = await cli(['--home', home, 'search', 'csv', '--json'])
    const hits = search.json() as { name: string; score: number }[]
    expect(hits[0]!.name).toBe('csv-profiler')
    const show = await cli(['--home', home, 'show', 'csv-profiler'])
    expect(show.code).toBe(0)
    expect(show.stdout).toMatch(/fingerprint {2}sha256:[0-9a-f]{64}/)
    expect(show.stdout).toMatch(/SKILL\.md/)
    expect(show.stdout).toMatch(/skill\.py/)
    const json = (await cli(['--home', home, 'show', 'csv-profiler', '--json'])).json() as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({ name: 'csv-profiler', approval: null })
    expect(Object.keys(json)).toEqual(expect.arrayContaining(['files', 'tools', 'fingerprint', 'approval']))
  })

  it('add, enable, disable, remove work end to end; failures exit 1 with a clear message', async () => {
    const home = tempDir()
    const src = writeSkill(tempDir(), 'my-notes', 'Keeps notes tidy.')
    const add = await cli(['--home', home, 'add', src, '--json'])
    expect(add.code).toBe(0)
    expect(add.json()).toEqual({ skills: [{ name: 'my-notes', state: 'pending', risk: 'LOW' }] })
    // Not approved yet: enabling asks for approval instead.
    expect((await cli(['--home', home, 'enable', 'my-notes'])).stdout).toBe('my-notes: pending\n')
    const inbox = await cli(['--home', home, 'approvals', '--json'])
    const [request] = inbox.json() as { id: string; skill: string }[]
    expect(request?.skill).toBe('my-notes')
    const approve = await cli(['--home', home, 'approve', request!.id.slice(0, 8), '--trust', 'sandboxed'])
    expect(approve.stdout).toBe('Approved my-notes at sandboxed trust; it is active.\n')
    expect((await cli(['--home', home, 'disable', 'my-notes'])).stdout).toBe('my-notes: disabled\n')
    expect((await cli(['--home', home, 'enable', 'my-notes'])).stdout).toBe('my-notes: active\n')
    expect((await cli(['--home', home, 'disable', 'my-notes'])).stdout).toBe('my-notes: disabled\n')
    expect((await cli(['--home', home, 'remove', 'my-notes'])).code).toBe(0)

    const missing = await cli(['--home', home, 'show', 'my-notes'])
    expect(missing.code).toBe(1)
    expect(missing.stderr).toBe(
      'error: No skill named "my-notes". Run `skilldock list` to see the installed skills.\n',
    )
    const missingJson = await cli(['--home', home, 'show', 'my-notes', '--json'])
    expect(missingJson.code).toBe(1)
    expect(missingJson.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } })
  })

  it('prompt prints the available_skills block', async () => {
    const run = await cli(['--home', tempDir(), 'prompt'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(
      /^<available_skills>\n[\s\S]*<name>text-stats<\/name>[\s\S]*<\/available_skills>\n$/,
    )
  })

  it('usage errors exit 2', async () => {
    expect((await cli(['no-such-command'])).code).toBe(2)
    expect((await cli(['show'])).code).toBe(2)
    expect((await cli(['list', '--bogus-flag'])).code).toBe(2)
    expect((await cli(['--help'])).code).toBe(0)
  })

  it('serve on a port in use exits 1 with CONFLICT and says what to do', async () => {
    const busy = createServer()
    await new Promise<void>((done) => busy.listen(0, '127.0.0.1', done))
    try {
      const port = (busy.address() as AddressInfo).port
      const home = join(tempDir(), 'home')
      const run = await cli(['--home', home, '--json', 'serve', '--port', String(port), '--no-ui'])
      expect(run.code).toBe(1)
      expect(run.json()).toEqual({
        error: {
          code: 'CONFLICT',
          message: `Port ${port} is already in use. Stop the other program or pass --port.`,
        },
      })
    } finally {
      await new Promise((done) => busy.close(done))
    }
  })

  it('doctor reports each check with a fix for what is missing', async () => {
    const run = await cli(['--home', tempDir(), 'doctor', '--json', '--port', '0'])
    const checks = run.json() as { id: string; status: string; fix?: string }[]
    expect(checks.map((c) => c.id)).toEqual([
      'node',
      'home',
      'python',
      'git',
      'keychain',
      'sandbox',
      'port',
      'lockfile',
    ])
    expect(checks.find((c) => c.id === 'python')!.status).toBe('ok')
    for (const c of checks.filter((c) => c.status !== 'ok')) expect(c.fix).toBeTruthy()
  })

  it('uses SKILLDOCK_HOME when --home is not given', async () => {
    const home = tempDir()
    writeSkill(join(home, 'skills'), 'from-env', 'Lives in the env home.')
    const run = await cli(['list', '--json'], { SKILLDOCK_HOME: home })
    expect((run.json() as { name: string }[]).map((s) => s.name)).toContain('from-env')
  })
})
