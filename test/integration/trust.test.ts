import { execFileSync } from 'node:child_process'
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ApprovalKind, GovernanceMode, RiskLevel, SkillState } from '../../src-main/contract/models'
import { makeCore, type TestCore } from '../support/core'
import { tempDir } from '../support/fs'

const root = resolve(__dirname, '../..')
const fixtures = join(root, 'test/fixtures/governance')
const byRisk: Record<'LOW' | 'HIGH' | 'CRITICAL', string> = {
  LOW: 'tidy-notes',
  HIGH: 'shell-runner',
  CRITICAL: 'loader',
}

function trustCore(options: { watch?: boolean } = {}): TestCore {
  return makeCore({ resourcesDir: join(root, 'resources'), supervisor: { backoffBaseMs: 50 }, ...options })
}

/** A copy of a fixture under a new name (name in SKILL.md and folder both changed). */
function copyAs(fixture: string, name: string, into = tempDir()): string {
  const dir = join(into, name)
  cpSync(join(fixtures, fixture), dir, { recursive: true })
  const md = join(dir, 'SKILL.md')
  writeFileSync(md, readFileSync(md, 'utf8').replace(`name: ${fixture}`, `name: ${name}`))
  return dir
}

async function approvePending(t: TestCore, name: string): Promise<void> {
  const pending = (await t.call('approvals.list', { status: 'pending' })).find((a) => a.skill === name)
  // The matrix needs every risk active first, CRITICAL included: the person acknowledges it.
  if (pending) await t.call('approvals.decide', { id: pending.id, approve: true, acknowledgeCritical: true })
  expect((await t.call('skills.get', { name })).state).toBe('active')
}

/** Brings a skill to `kind` under the current mode and returns the state it lands in. */
async function land(t: TestCore, fixture: string, name: string, kind: ApprovalKind): Promise<SkillState> {
  if (kind === 'import') return (await t.call('skills.add', { path: copyAs(fixture, name) })).skills[0]!.state
  if (kind === 'generated') {
    copyAs(fixture, name, join(t.home, 'drafts'))
    await t.call('skills.reindex')
    await t.call('skills.submit', { name, kind: 'generated' })
    return (await t.call('skills.get', { name })).state
  }
  // update and external edit start from an approved skill whose files then change
  const mode = (await t.call('governance.get')).mode
  await t.call('governance.set', { mode: 'semi_auto' })
  await t.call('skills.add', { path: copyAs(fixture, name) })
  await approvePending(t, name)
  await t.call('governance.set', { mode })
  appendFileSync(join(t.home, 'skills', name, 'SKILL.md'), '\nOne more line of instructions.\n')
  if (kind === 'update') await t.call('skills.submit', { name, kind: 'update' })
  else await t.call('skills.reindex')
  return (await t.call('skills.get', { name })).state
}

const expected: Record<GovernanceMode, Record<'LOW' | 'HIGH' | 'CRITICAL', Record<string, SkillState>>> = {
  semi_auto: {
    LOW: { import: 'pending', update: 'changed', generated: 'pending', 'external-edit': 'changed' },
    HIGH: { import: 'pending', update: 'changed', generated: 'pending', 'external-edit': 'changed' },
    CRITICAL: { import: 'pending', update: 'changed', generated: 'pending', 'external-edit': 'changed' },
  },
  full_auto: {
    LOW: { import: 'active', update: 'active', generated: 'active', 'external-edit': 'active' },
    HIGH: { import: 'pending', update: 'changed', generated: 'pending', 'external-edit': 'changed' },
    CRITICAL: { import: 'pending', update: 'changed', generated: 'pending', 'external-edit': 'changed' },
  },
  locked: {
    LOW: { import: 'pending', update: 'changed', generated: 'rejected', 'external-edit': 'changed' },
    HIGH: { import: 'pending', update: 'changed', generated: 'rejected', 'external-edit': 'changed' },
    CRITICAL: { import: 'pending', update: 'changed', generated: 'rejected', 'external-edit': 'changed' },
  },
}

describe('governance matrix: mode × risk × how the skill arrived', () => {
  it('the fixtures scan at the risk the matrix assumes', async () => {
    const t = trustCore()
    for (const [risk, fixture] of Object.entries(byRisk)) {
      const report = await t.call('skills.scan', { path: join(fixtures, fixture) })
      expect(report.risk, fixture).toBe(risk as RiskLevel)
    }
  })

  for (const mode of ['semi_auto', 'full_auto', 'locked'] as const) {
    it(`${mode}: every (risk, arrival) lands in the documented state`, async () => {
      const t = trustCore()
      await t.call('governance.set', { mode })
      const got: Record<string, Record<string, SkillState>> = {}
      for (const [risk, fixture] of Object.entries(byRisk)) {
        got[risk] = {}
        for (const kind of ['import', 'update', 'generated', 'external-edit'] as const) {
          const name = `${fixture}-${kind}`.replace(/[^a-z0-9-]/g, '-')
          got[risk][kind] = await land(t, fixture, name, kind)
        }
      }
      expect(got).toEqual(expected[mode])
      // Nothing CRITICAL was approved by anything but a person.
      const approvals = await t.call('approvals.list', {})
      for (const a of approvals.filter((x) => x.risk === 'CRITICAL' && x.status === 'approved')) {
        expect(a.decidedBy).toBe('user')
      }
    }, 120_000)
  }
})

describe('approval, pinning and the rug-pull defence', () => {
  it('refuses to start an approved skill whose files changed, even without a watcher (CLI runs)', async () => {
    const t = trustCore()
    await t.call('skills.add', { path: copyAs('tidy-notes', 'tidy-notes') })
    await approvePending(t, 'tidy-notes')
    appendFileSync(join(t.home, 'skills', 'tidy-notes', 'skill.py'), '\n# an innocent-looking comment\n')
    const refused = await t.raw('runtime.call', {
      name: 'tidy-notes',
      tool: 'tidy',
      arguments: { text: 'x' },
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } })
    expect((await t.call('skills.get', { name: 'tidy-notes' })).state).toBe('changed')
  })

  it('approves a skill, then catches a one-character change of a tool description while it runs', async () => {
    // As in serve and desktop modes: the library is watched for edits made outside SkillDock.
    const t = trustCore({ watch: true })
    const added = await t.call('skills.add', { path: copyAs('tidy-notes', 'tidy-notes') })
    expect(added.skills[0]).toMatchObject({ state: 'pending', risk: 'LOW' })
    expect(
      await t.raw('runtime.call', { name: 'tidy-notes', tool: 'tidy', arguments: { text: 'a  ' } }),
    ).toMatchObject({
      ok: false,
      error: { code: 'APPROVAL_REQUIRED' },
    })
    const [request] = await t.call('approvals.list', { status: 'pending' })
    const approved = await t.call('approvals.decide', {
      id: request!.id,
      approve: true,
      trust: 'trusted',
      notes: 'looks fine',
    })
    expect(approved).toMatchObject({ status: 'approved', trust: 'trusted', decidedBy: 'user' })
    const detail = await t.call('skills.get', { name: 'tidy-notes' })
    expect(detail).toMatchObject({ state: 'active', trust: 'trusted', pinnedFingerprint: detail.fingerprint })
    expect((await t.call('skills.prompt')).xml).toContain('<name>tidy-notes</name>')
    const ok = await t.call('runtime.call', {
      name: 'tidy-notes',
      tool: 'tidy',
      arguments: { text: 'a  \n\n\nb' },
    })
    expect(ok.content[0]?.text).toBe('a\n\nb\n')
    const [running] = await t.call('runtime.status', { name: 'tidy-notes' })
    const pid = running!.pid!

    const py = join(t.home, 'skills', 'tidy-notes', 'skill.py')
    writeFileSync(py, readFileSync(py, 'utf8').replace('Trim trailing spaces', 'Trim trailing space'))
    await expect
      .poll(async () => (await t.call('skills.get', { name: 'tidy-notes' })).state, { timeout: 10_000 })
      .toBe('changed')
    const refused = await t.raw('runtime.call', {
      name: 'tidy-notes',
      tool: 'tidy',
      arguments: { text: 'x' },
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } })
    expect((await t.call('skills.prompt')).xml).not.toContain('tidy-notes')
    await expect
      .poll(() => {
        try {
          process.kill(pid, 0)
          return 'running'
        } catch {
          return 'stopped'
        }
      })
      .toBe('stopped')
    const [again] = await t.call('approvals.list', { status: 'pending' })
    expect(again).toMatchObject({ skill: 'tidy-notes', kind: 'external-edit' })
    expect(again!.diff).toContain('-    """Trim trailing spaces and collapse runs of blank lines."""')
    expect(again!.diff).toContain('+    """Trim trailing space and collapse runs of blank lines."""')
  })

  it('stops a skill whose served tools change although its files did not', async () => {
    const t = trustCore()
    await t.call('skills.add', { path: copyAs('shape-shifter', 'shape-shifter') })
    await approvePending(t, 'shape-shifter')
    expect(
      (await t.call('runtime.call', { name: 'shape-shifter', tool: 'greet', arguments: { name: 'Ada' } }))
        .content[0]?.text,
    ).toBe('Hello, Ada!')
    await t.call('runtime.stop', { name: 'shape-shifter' })
    const data = join(t.home, 'skill-data', 'shape-shifter')
    mkdirSync(data, { recursive: true })
    writeFileSync(join(data, 'mode.txt'), 'evil')
    const refused = await t.raw('runtime.call', {
      name: 'shape-shifter',
      tool: 'greet',
      arguments: { name: 'Ada' },
    })
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } })
    expect((await t.call('skills.get', { name: 'shape-shifter' })).state).toBe('changed')
    await expect
      .poll(async () => (await t.call('approvals.list', { status: 'pending' })).map((a) => a.kind))
      .toEqual(['tools-changed'])
  })

  it('rejects with notes; enabling an unapproved skill asks for approval instead', async () => {
    const t = trustCore()
    await t.call('skills.add', { path: copyAs('shell-runner', 'shell-runner') })
    const [request] = await t.call('approvals.list', { status: 'pending' })
    expect(request).toMatchObject({ risk: 'HIGH', requester: 'user', kind: 'import' })
    expect(request!.findings.some((f) => f.severity === 'HIGH')).toBe(true)
    await t.call('approvals.decide', { id: request!.id.slice(0, 8), approve: false, notes: 'runs anything' })
    expect((await t.call('skills.get', { name: 'shell-runner' })).state).toBe('rejected')
    const enabled = await t.call('skills.setEnabled', { name: 'shell-runner', enabled: true })
    expect(enabled.state).toBe('pending')
    expect((await t.call('approvals.list', { status: 'pending' }))[0]).toMatchObject({
      skill: 'shell-runner',
      kind: 'enable',
    })
  })

  it('refuses to approve a restricted skill without allowed clients, and keeps the decision with the skill', async () => {
    const t = trustCore()
    await t.call('skills.add', { path: copyAs('tidy-notes', 'tidy-notes') })
    const [request] = await t.call('approvals.list', { status: 'pending' })
    expect(
      await t.raw('approvals.decide', { id: request!.id, approve: true, trust: 'restricted' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    await t.call('approvals.decide', {
      id: request!.id,
      approve: true,
      trust: 'restricted',
      allowedClients: ['claude-code'],
      rateLimitPerMinute: 30,
    })
    const detail = await t.call('skills.get', { name: 'tidy-notes' })
    expect(detail.trust).toBe('restricted')
    expect(detail.approval).toMatchObject({ allowedClients: ['claude-code'], rateLimitPerMinute: 30 })
  })
})

describe('promotion and deprecation', () => {
  it('promotes an approved skill into a target git repository with its files', async () => {
    const t = trustCore()
    await t.call('skills.add', { path: copyAs('tidy-notes', 'tidy-notes') })
    await approvePending(t, 'tidy-notes')
    const target = tempDir('skilldock-target-')
    execFileSync('git', ['init', '--quiet', target])
    const promoted = await t.call('skills.promote', { name: 'tidy-notes', target })
    expect(promoted.state).toBe('builtin')
    const log = execFileSync('git', ['-C', target, 'log', '--format=%s', '--name-only'], { encoding: 'utf8' })
    expect(log).toContain('feat(skills): promote tidy-notes')
    expect(log).toContain('skills/tidy-notes/SKILL.md')
    expect(log).toContain('skills/tidy-notes/skill.py')
  })

  it('refuses to promote an unapproved skill', async () => {
    const t = trustCore()
    await t.call('skills.add', { path: copyAs('tidy-notes', 'tidy-notes') })
    expect(await t.raw('skills.promote', { name: 'tidy-notes' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    })
  })

  it('takes a deprecated skill out of search and the prompt, pointing to its replacement', async () => {
    const t = trustCore()
    const appRoot = t.appRoot
    cpSync(join(fixtures, 'tidy-notes'), join(appRoot, 'skills', 'tidy-notes'), { recursive: true })
    cpSync(join(fixtures, 'shape-shifter'), join(appRoot, 'skills', 'shape-shifter'), { recursive: true })
    await t.call('skills.reindex')
    expect((await t.call('skills.search', { query: 'tidies notes' })).map((h) => h.name)).toContain(
      'tidy-notes',
    )
    const deprecated = await t.call('skills.deprecate', {
      name: 'tidy-notes',
      reason: 'use the new one',
      replacement: 'shape-shifter',
    })
    expect(deprecated.deprecation).toEqual({ reason: 'use the new one', replacement: 'shape-shifter' })
    expect((await t.call('skills.search', { query: 'tidies notes' })).map((h) => h.name)).not.toContain(
      'tidy-notes',
    )
    expect((await t.call('skills.prompt')).xml).not.toContain('tidy-notes')
    await t.call('skills.undeprecate', { name: 'tidy-notes' })
    expect((await t.call('skills.prompt')).xml).toContain('tidy-notes')
  })
})
