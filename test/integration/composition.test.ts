import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse as parseYaml } from 'yaml'
import { afterEach, describe, expect, it } from 'vitest'
import type { CompositeRun } from '../../src-main/contract/automation'
import { compositeSkillMd, parseSteps } from '../../src-main/core/automation/compositeSpec'
import { appWith, automationCore } from '../support/automation'
import { servers, DOCUMENT, STEPS, approvedComposite, text } from './compositionSupport'

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close()
})

describe('composite skills', () => {
  it('are written as a valid draft with the plan in frontmatter and go to the approval inbox', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    const made = await t.call('compose.create', {
      name: 'doc-report',
      steps: STEPS,
      description: 'Formats a JSON document and measures it.',
    })
    expect(made.plan).toEqual([
      [{ skill: 'json-tools', tool: 'json_format' }],
      [
        { skill: 'text-stats', tool: 'text_statistics' },
        { skill: 'text-stats', tool: 'top_words' },
      ],
    ])
    expect(made.approval).toMatchObject({ skill: 'doc-report', kind: 'generated', status: 'pending' })
    const dir = join(t.home, 'drafts', 'doc-report')
    expect((await t.call('skills.validate', { path: dir })).valid).toBe(true)
    const md = readFileSync(join(dir, 'SKILL.md'), 'utf8')
    const frontmatter = parseYaml(md.split('---')[1]!) as Record<string, unknown>
    expect(frontmatter).toMatchObject({
      name: 'doc-report',
      tools: ['run'],
      metadata: {
        skilldock: { composite: { steps: [['json-tools/json_format'], STEPS[1]!.split('|')] } },
      },
    })
    expect(md).toContain('## How data flows')
    // Listed with its steps (and only composites are listed).
    expect(await t.call('compose.list', {})).toEqual([
      {
        name: 'doc-report',
        state: 'pending',
        description: 'Formats a JSON document and measures it.',
        plan: made.plan,
      },
    ])
    // Not approved yet: nothing may call it.
    const refused = await t.raw('runtime.call', { name: 'doc-report', tool: 'run', arguments: {} })
    expect(refused).toMatchObject({ ok: false, error: { code: 'APPROVAL_REQUIRED' } })
  })

  it('refuses unknown skills, unknown tools and bad names, leaving nothing behind', async () => {
    const t = automationCore(appWith(['text-stats']))
    const cases: [unknown, string][] = [
      [{ name: 'bad', steps: ['nope/run'] }, 'NOT_FOUND'],
      [{ name: 'bad', steps: ['text-stats/nope'] }, 'INVALID_INPUT'],
      [{ name: 'bad', steps: ['text-stats'] }, 'INVALID_INPUT'],
      [{ name: 'Bad Name', steps: ['text-stats/top_words'] }, 'INVALID_INPUT'],
    ]
    for (const [input, code] of cases) {
      const result = await t.raw('compose.create', input)
      expect(result).toMatchObject({ ok: false, error: { code } })
    }
    expect(existsSync(join(t.home, 'drafts', 'bad'))).toBe(false)
    expect(await t.call('approvals.list', {})).toEqual([])
  })

  it('runs two bundled skills in sequence and a parallel group, returning the combined result', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    expect((await t.call('skills.get', { name: 'doc-report' })).state).toBe('active')

    const result = await t.call('runtime.call', {
      name: 'doc-report',
      tool: 'run',
      arguments: { document: DOCUMENT },
    })
    expect(result.isError).toBe(false)

    // The same calls made by hand: the formatted document is what both parallel steps measured.
    const formatted = text(
      await t.call('runtime.call', {
        name: 'json-tools',
        tool: 'json_format',
        arguments: { document: DOCUMENT },
      }),
    )
    const stats = await t.call('runtime.call', {
      name: 'text-stats',
      tool: 'text_statistics',
      arguments: { text: formatted },
    })
    const top = await t.call('runtime.call', {
      name: 'text-stats',
      tool: 'top_words',
      arguments: { text: formatted },
    })
    const output = (result.structuredContent as { output: Record<string, unknown> }).output
    expect(output).toEqual({
      'text-stats/text_statistics': stats.structuredContent,
      'text-stats/top_words': top.structuredContent,
    })
    expect(JSON.parse(text(result))).toEqual(output)
    const steps = (result.structuredContent as { steps: CompositeRun['steps'] }).steps
    expect(steps.map((s) => [s.group, `${s.skill}/${s.tool}`, s.ok])).toEqual([
      [0, 'json-tools/json_format', true],
      [1, 'text-stats/text_statistics', true],
      [1, 'text-stats/top_words', true],
    ])
    // The composite run is in the activity log.
    const activity = await t.call('activity.list', { skill: 'doc-report' })
    expect(activity.entries.some((a) => a.action === 'composite.run' && a.outcome === 'ok')).toBe(true)
  })

  it('stops at a failing step and names it', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    const result = await t.call('runtime.call', {
      name: 'doc-report',
      tool: 'run',
      arguments: { document: '{not json' },
    })
    expect(result.isError).toBe(true)
    expect(text(result)).toMatch(/^Step json-tools\/json_format failed: /)
    expect((result.structuredContent as { steps: unknown[] }).steps).toHaveLength(1)
  })

  it('runs the steps of a parallel group at the same time', async () => {
    const t = automationCore(appWith([], ['slow-a', 'slow-b']))
    await t.call('compose.create', { name: 'both-slow', steps: ['slow-a/pause|slow-b/pause'] })
    // Servers already up, so the overlap measured is the tools', not the process start-ups'.
    await t.call('runtime.start', { name: 'slow-a' })
    await t.call('runtime.start', { name: 'slow-b' })
    const run = await t.call('compose.run', { name: 'both-slow', arguments: { seconds: 2 } })
    expect(run.ok).toBe(true)
    const output = run.output as Record<string, { started: number; ended: number }>
    const a = output['slow-a/pause']!
    const b = output['slow-b/pause']!
    expect(a.ended - a.started).toBeGreaterThanOrEqual(1.9)
    // Each started before the other ended: they overlapped instead of running one after the other.
    expect(a.started).toBeLessThan(b.ended)
    expect(b.started).toBeLessThan(a.ended)
  })

  it('shows the plan in a dry run and runs one group at a time in step-through mode', async () => {
    const t = automationCore(appWith(['json-tools', 'text-stats']))
    await approvedComposite(t)
    const dry = await t.call('compose.run', {
      name: 'doc-report',
      arguments: { document: DOCUMENT },
      dryRun: true,
    })
    expect(dry).toMatchObject({ dryRun: true, steps: [], ok: true })
    expect(dry.plan.flat().map((s) => s.tool)).toEqual(['json_format', 'text_statistics', 'top_words'])
    // Nothing was called: no skill server was started.
    expect(await t.call('runtime.status', {})).toEqual([])

    const first = await t.call('compose.run', {
      name: 'doc-report',
      arguments: { document: DOCUMENT },
      groups: 1,
    })
    expect(first.steps.map((s) => s.tool)).toEqual(['json_format'])
    expect(first.next?.group).toBe(1)
    // What the next group gets: the arguments plus the step's text (the data-flow rule of SKILL.md).
    expect(first.next?.arguments).toMatchObject({ document: DOCUMENT, text: first.steps[0]!.text })
    expect(JSON.parse(String(first.next?.arguments.text))).toEqual(JSON.parse(DOCUMENT))

    const second = await t.call('compose.run', {
      name: 'doc-report',
      arguments: first.next!.arguments,
      fromGroup: 1,
      groups: 1,
    })
    expect(second.steps.map((s) => s.tool)).toEqual(['text_statistics', 'top_words'])
    expect(second.next).toBeNull()
    expect(Object.keys(second.output as object)).toEqual([
      'text-stats/text_statistics',
      'text-stats/top_words',
    ])
  })

  it('is tested by checking its SKILL.md and that every step names an existing tool', async () => {
    const appRoot = appWith(['json-tools', 'text-stats'])
    mkdirSync(join(appRoot, 'skills', 'broken'))
    writeFileSync(
      join(appRoot, 'skills', 'broken', 'SKILL.md'),
      compositeSkillMd('broken', parseSteps(['text-stats/nope', 'gone/run'])),
    )
    const t = automationCore(appRoot)
    await approvedComposite(t)
    const report = await t.call('skills.test', { name: 'doc-report' })
    expect(report.passed).toBe(true)
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ['manifest', 'pass'],
      ['step:json-tools/json_format', 'pass'],
      ['step:text-stats/text_statistics', 'pass'],
      ['step:text-stats/top_words', 'pass'],
    ])
    // Hand-written steps naming a missing tool or skill fail the test.
    const broken = await t.call('skills.test', { name: 'broken' })
    expect(broken.passed).toBe(false)
    expect(broken.checks.map((c) => [c.id, c.status])).toEqual([
      ['manifest', 'pass'],
      ['step:text-stats/nope', 'fail'],
      ['step:gone/run', 'fail'],
    ])
  })
})
