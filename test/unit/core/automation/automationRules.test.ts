import { createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { nextArguments } from '../../../../src-main/core/automation/compositeRunner'
import {
  compositeSkillMd,
  parseSteps,
  planFromFrontmatter,
} from '../../../../src-main/core/automation/compositeSpec'
import { backoffMs, BACKOFF_MAX_MS, parseInterval } from '../../../../src-main/core/automation/jobQueue'
import { safeFileName, signWebhook } from '../../../../src-main/core/automation/webhooks'
import { validateSkillText } from '../../../../src-main/core/skills/manifest'
import type { CompositeStepRun } from '../../../../src-main/contract/automation'

const step = (over: Partial<CompositeStepRun>): CompositeStepRun => ({
  group: 0,
  skill: 's',
  tool: 't',
  ok: true,
  output: null,
  text: '',
  error: null,
  startedAt: '',
  endedAt: '',
  durationMs: 0,
  ...over,
})

describe('automation rules', () => {
  it('parses steps and parallel groups, and refuses anything else', () => {
    expect(parseSteps(['a/x', 'b/y | c-d/z'])).toEqual([
      [{ skill: 'a', tool: 'x' }],
      [
        { skill: 'b', tool: 'y' },
        { skill: 'c-d', tool: 'z' },
      ],
    ])
    for (const bad of ['a', 'a/', '/x', 'A/x', 'a/x|', 'a/x/y'])
      expect(() => parseSteps([bad])).toThrow(/not a step/)
  })

  it('writes a SKILL.md the validator accepts, whose frontmatter gives the plan back', () => {
    const plan = parseSteps(['json-tools/json_format', 'text-stats/text_statistics|text-stats/top_words'])
    const md = compositeSkillMd('doc-report', plan)
    const report = validateSkillText(md, 'doc-report')
    expect(report.errors).toEqual([])
    expect(report.warnings).toEqual([])
    expect(report.name).toBe('doc-report')
    const description = /^description: (.*)$/m.exec(md)?.[1] ?? ''
    expect(JSON.parse(description)).toBe(
      'Runs json-tools/json_format, then in parallel: text-stats/text_statistics, text-stats/top_words.',
    )
    const frontmatter = { metadata: { skilldock: { composite: { steps: [['a/x'], ['b/y', 'c/z']] } } } }
    expect(planFromFrontmatter(frontmatter)).toEqual(parseSteps(['a/x', 'b/y|c/z']))
    expect(planFromFrontmatter({ metadata: { skilldock: {} } })).toBeNull()
    expect(planFromFrontmatter({ metadata: { skilldock: { composite: { steps: ['nope'] } } } })).toBeNull()
  })

  it('passes the previous output on: fields merged, text replaced, parallel texts joined', () => {
    const next = nextArguments({ document: 'd', text: 'old' }, [
      step({ output: { words: 3 }, text: 'first' }),
      step({ output: 'plain', text: '{"lines": 2}' }),
    ])
    expect(next).toEqual({ document: 'd', words: 3, lines: 2, text: 'first\n\n{"lines": 2}' })
  })

  it('reads intervals and backs off exponentially up to a cap', () => {
    expect(parseInterval('90s')).toBe(90)
    expect(parseInterval('15m')).toBe(900)
    expect(parseInterval('1h')).toBe(3600)
    expect(parseInterval('2d')).toBe(172_800)
    for (const bad of ['1', 'h', '5s', '1w', '-1h', '1.5h'])
      expect(() => parseInterval(bad)).toThrow(/not an interval/)
    expect([1, 2, 3, 4].map(backoffMs)).toEqual([30_000, 60_000, 120_000, 240_000])
    expect(backoffMs(40)).toBe(BACKOFF_MAX_MS)
  })

  it('signs "<t>.<body>" with HMAC-SHA256 and keeps attachment names inside their folder', () => {
    const expected = createHmac('sha256', 'k').update('1700000000.{"a":1}').digest('hex')
    expect(signWebhook('k', '{"a":1}', 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`)
    expect(safeFileName('../../etc/passwd')).toBe('passwd')
    expect(safeFileName('C:\\temp\\a b.txt')).toBe('a_b.txt')
    expect(safeFileName('...hidden')).toBe('hidden')
    expect(safeFileName('../')).toBe('attachment')
  })
})
