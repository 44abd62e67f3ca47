import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type ServerResponse, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { RepoInfo } from '../../src-main/contract/sources'
import { silentLogger } from '../../src-main/core/base/logger'
import { type IntervalTimer, SyncScheduler } from '../../src-main/core/sources/sourceRoutes'
import { makeCore, type TestCore } from '../support/core'
import { skillMd, tempDir, writeSkill, snapshot } from '../support/fs'

const servers: Server[] = []
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((r) => s.close(r))
  }
})

const approveAll = async (t: TestCore) => {
  for (const a of await t.call('approvals.list', { status: 'pending' }))
    await t.call('approvals.decide', { id: a.id, approve: true })
}

describe('sync cancellation', () => {
  it('cancelling mid-sync stores status cancelled and installs nothing half-fetched', async () => {
    let held: ServerResponse | null = null
    let reached: () => void = () => undefined
    const reachedHold = new Promise<void>((r) => (reached = r))
    const server = createServer((req, res) => {
      if (req.url === '/.well-known/skills/index.json') {
        return void res.end(JSON.stringify({ skills: [{ name: 'first' }, { name: 'second' }] }))
      }
      if (req.url === '/.well-known/skills/first/SKILL.md') return void res.end(skillMd('first', 'First.'))
      if (req.url === '/.well-known/skills/second/SKILL.md') {
        if (held === null) {
          // The first time, hang: the sync is mid-fetch until it is cancelled.
          held = res
          res.writeHead(200)
          res.write('---\nname: second\n')
          reached()
          return
        }
        return void res.end(skillMd('second', 'Second.'))
      }
      res.writeHead(404).end()
    })
    servers.push(server)
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const t = makeCore()
    const phases: string[] = []
    t.core.events.on('sync.progress', (e) => phases.push(e.phase))
    await t.call('repos.add', { name: 'slow', url, type: 'http', allowLocal: true })

    const syncing = t.raw('repos.sync', { name: 'slow' })
    await reachedHold
    expect(await t.call('repos.cancel', { name: 'slow' })).toEqual({ cancelled: true })
    expect(await syncing).toMatchObject({ ok: false, error: { code: 'CANCELLED' } })
    expect(phases).toEqual(['fetching', 'cancelled'])
    expect((await t.call('repos.list'))[0]).toMatchObject({
      lastStatus: 'cancelled',
      lastError: expect.stringMatching(/cancelled/),
    })
    expect(await t.call('skills.list')).toEqual([])
    expect(existsSync(join(t.home, 'skilldock.lock.json'))).toBe(false)
    expect(readdirSync(join(t.home, 'sources'))).toEqual([])
    expect(await t.call('repos.cancel', { name: 'slow' })).toEqual({ cancelled: false })

    // The next sync starts clean and installs both.
    const report = await t.call('repos.sync', { name: 'slow' })
    expect(report[0]!.items.map((i) => [i.name, i.status])).toEqual([
      ['first', 'installed'],
      ['second', 'installed'],
    ])
    expect((await t.call('repos.list'))[0]).toMatchObject({ lastStatus: 'ok', lastError: null })
  })
})

describe('auto-sync scheduler', () => {
  it('an injected timer fires due syncs; last sync time, status and error are stored', async () => {
    let now = new Date('2026-03-01T10:00:00.000Z')
    const clock = { now: () => now }
    let fire: () => void = () => undefined
    let stopped = false
    const timer: IntervalTimer = (f) => {
      fire = f
      return {
        dispose: () => {
          stopped = true
        },
      }
    }
    const t = makeCore({ clock })
    const folder = tempDir()
    writeSkill(folder, 'auto-one', 'First auto skill.')
    const gone = tempDir()
    await t.call('repos.add', { name: 'auto', url: folder, type: 'local', autoSyncMinutes: 5 })
    await t.call('repos.add', { name: 'manual', url: folder, type: 'local' })
    await t.call('repos.add', { name: 'broken', url: gone, type: 'local', autoSyncMinutes: 5 })
    rmSync(gone, { recursive: true })
    const scheduler = new SyncScheduler(
      { list: () => t.call('repos.list'), sync: (name) => t.call('repos.sync', { name }) },
      clock,
      silentLogger,
      timer,
    )
    const repo = async (name: string): Promise<RepoInfo> =>
      (await t.call('repos.list')).find((r) => r.name === name)!

    fire()
    await scheduler.tick()
    expect(await repo('auto')).toMatchObject({ lastSyncAt: '2026-03-01T10:00:00.000Z', lastStatus: 'ok' })
    expect(await repo('manual')).toMatchObject({ lastSyncAt: null, lastStatus: null })
    expect(await repo('broken')).toMatchObject({
      lastSyncAt: '2026-03-01T10:00:00.000Z',
      lastStatus: 'error',
      lastError: expect.stringMatching(/does not exist/),
    })
    expect((await t.call('skills.list')).map((s) => s.name)).toEqual(['auto-one'])

    // Not due yet: a new upstream skill waits.
    writeSkill(folder, 'auto-two', 'Second auto skill.')
    now = new Date('2026-03-01T10:04:00.000Z')
    fire()
    await scheduler.tick()
    expect((await t.call('skills.list')).map((s) => s.name)).toEqual(['auto-one'])
    expect((await repo('auto')).lastSyncAt).toBe('2026-03-01T10:00:00.000Z')

    now = new Date('2026-03-01T10:05:00.000Z')
    fire()
    await scheduler.tick()
    expect((await t.call('skills.list')).map((s) => s.name).sort()).toEqual(['auto-one', 'auto-two'])
    expect(await repo('auto')).toMatchObject({ lastSyncAt: '2026-03-01T10:05:00.000Z', lastStatus: 'ok' })
    expect((await repo('manual')).lastSyncAt).toBeNull()
    scheduler.dispose()
    expect(stopped).toBe(true)
  })
})

describe('export to an agent folder', () => {
  it('writes valid skills into ~/.claude/skills (HOME override), idempotently, touching only its own', async () => {
    const home = tempDir('skilldock-userhome-')
    const agentDir = join(home, '.claude', 'skills')
    // What the user already has: their own skill, a same-named folder, and a loose file.
    writeSkill(agentDir, 'users-own', 'The user made this.')
    writeSkill(agentDir, 'exp-clash', 'The user made this one too.')
    writeFileSync(join(agentDir, 'NOTES.txt'), 'my notes')
    const before = snapshot(agentDir)

    const t = makeCore({ env: { ...process.env, HOME: home } })
    for (const name of ['exp-one', 'exp-two', 'exp-clash'])
      await t.call('skills.add', {
        path: writeSkill(tempDir(), name, `Exported ${name}.`, { 'references/r.md': 'ref' }),
      })
    await approveAll(t)

    const first = await t.call('skills.export', { target: 'claude-code' })
    expect(first).toMatchObject({ dir: agentDir, written: ['exp-one', 'exp-two'], removed: [] })
    expect(first.skipped).toEqual([
      { name: 'exp-clash', reason: expect.stringMatching(/not put there by SkillDock/) },
    ])
    for (const name of ['exp-one', 'exp-two']) {
      const checked = await t.call('skills.validate', { path: join(agentDir, name) })
      expect(checked).toMatchObject({ name, valid: true })
      expect(readFileSync(join(agentDir, name, 'references', 'r.md'), 'utf8')).toBe('ref')
    }
    const exported = snapshot(agentDir)

    const second = await t.call('skills.export', { target: 'claude-code' })
    expect(second).toMatchObject({ written: [], unchanged: ['exp-one', 'exp-two'], removed: [] })
    expect(snapshot(agentDir)).toEqual(exported)
    // The user's files are byte-for-byte and time-for-time what they were.
    for (const [path, stamp] of Object.entries(before)) expect(exported[path]).toBe(stamp)
    expect(readdirSync(agentDir).sort()).toEqual([
      'NOTES.txt',
      'exp-clash',
      'exp-one',
      'exp-two',
      'users-own',
    ])
    mkdirSync(join(agentDir, 'empty-user-folder'))
    await t.call('skills.setEnabled', { name: 'exp-two', enabled: false })
    const third = await t.call('skills.export', { target: 'claude-code' })
    expect(third.removed).toEqual(['exp-two'])
    expect(readdirSync(agentDir).sort()).toEqual([
      'NOTES.txt',
      'empty-user-folder',
      'exp-clash',
      'exp-one',
      'users-own',
    ])
  })
})
