import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { itWithKeychain } from '../../support/keychain'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'

const home = () => join(tempDir(), 'home')

describe('skilldock compose, schedule, job and webhook', () => {
  it('creates a composite draft that waits for approval, shows its plan in a dry run, and runs it', async () => {
    const h = home()
    const made = await cli([
      '--home',
      h,
      'compose',
      'doc-report',
      '--step',
      'json-tools/json_format',
      '--step',
      'text-stats/text_statistics|text-stats/top_words',
    ])
    expect(made.code).toBe(0)
    expect(made.stdout).toContain('Created the composite doc-report')
    expect(made.stdout).toContain('2. text-stats/text_statistics  |  text-stats/top_words')
    expect(made.stdout).toMatch(/waits for approval: skilldock approve \S+/)

    const dry = await cli(['--home', h, 'compose', 'run', 'doc-report', '--dry-run'])
    expect(dry.code).toBe(0)
    expect(dry.stdout).toContain('nothing was called')
    expect(dry.stdout).toContain('1. json-tools/json_format')

    const run = await cli([
      '--home',
      h,
      '--json',
      'compose',
      'run',
      'doc-report',
      '--args',
      '{"document":"{\\"a\\":[1,2]}"}',
      '--step-through',
    ])
    expect(run.code).toBe(0)
    const groups = run.json() as { steps: { tool: string }[] }[]
    expect(groups.map((g) => g.steps.map((s) => s.tool))).toEqual([
      ['json_format'],
      ['text_statistics', 'top_words'],
    ])

    expect((await cli(['--home', h, 'compose', 'empty'])).code).toBe(2)
    const dup = await cli(['--home', h, '--json', 'compose', 'doc-report', '--step', 'text-stats/top_words'])
    expect(dup.code).toBe(1)
    expect(dup.json()).toMatchObject({ error: { code: 'CONFLICT' } })
  })

  it('adds, lists and removes schedules, with usage errors for missing or contradictory times', async () => {
    const h = home()
    const added = await cli([
      '--home',
      h,
      '--json',
      'schedule',
      'add',
      'text-stats/top_words',
      '--args',
      '{"text":"a b"}',
      '--every',
      '15m',
    ])
    expect(added.code).toBe(0)
    const schedule = added.json() as { id: string; everySeconds: number }
    expect(schedule.everySeconds).toBe(900)
    const list = await cli(['--home', h, 'schedule', 'list'])
    expect(list.stdout).toMatch(
      new RegExp(
        `^ID\\s+TOOL\\s+WHEN\\s+NEXT RUN\\s+LAST RUN\\s+LAST OUTCOME\\n${schedule.id}\\s+text-stats/top_words\\s+every 15 minutes\\s+\\S+\\s+-\\s+-\\s*$`,
      ),
    )
    expect((await cli(['--home', h, '--json', 'schedule', 'list'])).json()).toMatchObject([
      { id: schedule.id, lastRunAt: null, lastOutcome: null },
    ])
    expect((await cli(['--home', h, 'schedule', 'add', 'text-stats/top_words'])).code).toBe(2)
    expect(
      (
        await cli([
          '--home',
          h,
          'schedule',
          'add',
          'text-stats/top_words',
          '--every',
          '1h',
          '--at',
          '2031-01-01',
        ])
      ).code,
    ).toBe(2)
    expect((await cli(['--home', h, 'schedule', 'add', 'top_words', '--every', '1h'])).code).toBe(2)
    expect((await cli(['--home', h, 'schedule', 'remove', schedule.id])).stdout).toContain('Removed')
    expect((await cli(['--home', h, 'schedule', 'remove', schedule.id])).code).toBe(1)
  })

  it('enqueues jobs with idempotency keys and lists them', async () => {
    const h = home()
    const args = [
      '--home',
      h,
      '--json',
      'job',
      'enqueue',
      'text-stats/top_words',
      '--args',
      '{"text":"a"}',
      '--key',
      'k1',
    ]
    const first = (await cli(args)).json() as { id: string; created: boolean }
    const second = (await cli(args)).json() as { id: string; created: boolean }
    expect(first.created).toBe(true)
    expect(second).toEqual(expect.objectContaining({ id: first.id, created: false }))
    const list = await cli(['--home', h, 'job', 'list', '--state', 'pending'])
    expect(list.stdout).toMatch(/text-stats\/top_words\s+pending\s+0\/3/)
    const bad = await cli(['--home', h, 'job', 'enqueue', 'text-stats/top_words', '--args', '[1]'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('--args must be a JSON object')
  })

  itWithKeychain('adds a webhook printing its secret once, lists and removes it', async () => {
    const h = home()
    const added = await cli(['--home', h, 'webhook', 'add', 'inbox', '--skill', 'text-stats/text_statistics'])
    expect(added.code).toBe(0)
    const secret = /Secret \(shown only now; kept in the OS keychain\): ([0-9a-f]{64})/.exec(
      added.stdout,
    )?.[1]
    expect(secret).toBeDefined()
    const list = await cli(['--home', h, 'webhook', 'list'])
    expect(list.stdout).toMatch(/inbox\s+\/hooks\/inbox\s+text-stats\/text_statistics/)
    expect(list.stdout).not.toContain(secret!)
    expect((await cli(['--home', h, 'webhook', 'remove', 'inbox'])).code).toBe(0)
    expect((await cli(['--home', h, 'webhook', 'list'])).stdout).toContain('No webhooks.')
  })
})
