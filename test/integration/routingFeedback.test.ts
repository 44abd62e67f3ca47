import { describe, expect, it } from 'vitest'
import type { RoutePlan } from '../../src-main/contract/routing'
import { makeCore } from '../support/core'
import { scriptedLlm } from '../support/scriptedLlm'
import { root, pathWithGh, setup } from './routingSupport'

describe('skilldock feedback', () => {
  it('changes a later routing decision for the same and similar queries', async () => {
    const { run } = setup()
    const query = 'count the lines in /tmp/report.csv'
    const before = (await run('--json', 'run', query)).json() as RoutePlan
    expect(before.steps[0]!.skill).toBe('csv-profiler')

    const recorded = await run('feedback', query, '--expected', 'text-stats/text_statistics')
    expect(recorded.code).toBe(0)
    expect(recorded.stdout).toContain('text-stats/text_statistics')

    const after = (await run('--json', 'run', query)).json() as RoutePlan
    expect(after.steps[0]).toMatchObject({ skill: 'text-stats', tool: 'text_statistics', source: 'feedback' })
    const similar = (
      await run('--json', 'run', 'count the lines in /tmp/summary.csv please')
    ).json() as RoutePlan
    expect(similar.steps[0]!.skill).toBe('text-stats')
    const unrelated = (
      await run('--json', 'run', 'preview the first rows of /tmp/report.csv')
    ).json() as RoutePlan
    expect(unrelated.steps[0]!.skill).toBe('csv-profiler')

    const list = (await run('--json', 'feedback', 'list')).json() as {
      query: string
      skill: string
      tool: string
    }[]
    expect(list).toEqual([expect.objectContaining({ query, skill: 'text-stats', tool: 'text_statistics' })])
  }, 120_000)

  it('refuses an unknown skill or tool', async () => {
    const { run } = setup()
    const skill = await run('feedback', 'anything', '--expected', 'no-such-skill')
    expect(skill.code).toBe(1)
    expect(skill.stderr).toContain('No skill named "no-such-skill"')
    const tool = await run('feedback', 'anything', '--expected', 'unit-converter/teleport')
    expect(tool.code).toBe(1)
    expect(tool.stderr).toContain('unit-converter has no tool named teleport')
    expect(((await run('--json', 'feedback', 'list')).json() as unknown[]).length).toBe(0)
  }, 120_000)
})

describe('routing with a model', () => {
  async function withModel(replies: { content?: string; status?: number; tokens?: number }[]) {
    const t = makeCore({ appRoot: root, env: { ...process.env, PATH: pathWithGh() } })
    const llm = await scriptedLlm(replies)
    await t.call('llm.set', { provider: 'openai-compatible', baseUrl: llm.baseUrl, model: 'scripted' })
    return { t, llm }
  }
  const essay = 'how long is this: "It was a dark and stormy night. The rain fell."'

  it('uses a good answer: the model picks among the candidates and fills the arguments', async () => {
    const { t, llm } = await withModel([
      {
        content:
          'Sure:\n```json\n{"skill": "text-stats", "tool": "top_words", "arguments": {"text": "It was a dark and stormy night. The rain fell.", "top": 3}}\n```',
        tokens: 420,
      },
    ])
    const plan = await t.call('route.plan', { query: essay })
    expect(plan.model).toContain('scripted')
    expect(plan.steps[0]).toMatchObject({
      skill: 'text-stats',
      tool: 'top_words',
      source: 'model',
      arguments: { text: 'It was a dark and stormy night. The rain fell.', top: 3 },
    })
    expect(llm.requests).toHaveLength(1)
    expect(llm.requests[0]!.messages.map((m) => m.content).join('\n')).toContain('tool text_statistics')
    const budget = await t.call('llm.budget', {})
    expect(budget).toMatchObject({
      usedToday: 420,
      usedThisMonth: 420,
      last: { tokens: 420, purpose: 'routing request' },
    })
  }, 120_000)

  it('falls back to the lexical choice on a bad answer', async () => {
    const { t, llm } = await withModel([
      { content: 'I would use the text statistics tool.' },
      { content: '{"skill": "text-stats", "tool": "top_words", "arguments": {"text": 42}}' },
      { content: '{"skill": "rm-rf", "tool": "wipe", "arguments": {}}' },
      { status: 400, content: 'bad request' },
    ])
    const reasons: string[] = []
    for (let i = 0; i < 4; i++) {
      const plan = await t.call('route.plan', { query: essay })
      expect(plan.steps[0]).toMatchObject({ skill: 'text-stats', tool: 'text_statistics', source: 'lexical' })
      expect(plan.steps[0]!.arguments).toEqual({ text: 'It was a dark and stormy night. The rain fell.' })
      reasons.push(plan.steps[0]!.reasons[0]!)
    }
    expect(llm.requests).toHaveLength(4)
    expect(reasons[0]).toContain('not the JSON asked for')
    expect(reasons[1]).toContain('do not fit the schema')
    expect(reasons[2]).toContain('not one of the candidates')
    expect(reasons[3]).toContain('HTTP 400')
  }, 120_000)

  it('a provider that is not fully configured leaves routing lexical and says why', async () => {
    const t = makeCore({ appRoot: root, env: { ...process.env, PATH: pathWithGh() } })
    await t.call('llm.set', { provider: 'openai-compatible' })
    const plan = await t.call('route.plan', { query: 'convert 10 km to miles' })
    expect(plan.model).toBeNull()
    expect(plan.steps[0]).toMatchObject({ skill: 'unit-converter', tool: 'convert', source: 'lexical' })
    expect(plan.steps[0]!.reasons[0]).toContain(
      'the model was not asked: The OpenAI-compatible provider needs a base URL',
    )
  }, 120_000)

  it('--offline never asks the model; a spent budget keeps routing lexical', async () => {
    const { t, llm } = await withModel([
      { content: '{"skill": "text-stats", "tool": "top_words"}', tokens: 1000 },
    ])
    const offline = await t.call('route.plan', { query: essay, offline: true })
    expect(offline.model).toBeNull()
    expect(llm.requests).toHaveLength(0)
    await t.call('llm.set', { dailyTokenBudget: 1000 })
    await t.call('route.plan', { query: essay })
    const spent = await t.call('route.plan', { query: essay })
    expect(llm.requests).toHaveLength(1)
    expect(spent.steps[0]!.source).toBe('lexical')
    expect(spent.steps[0]!.reasons[0]).toContain('daily model budget of 1000 tokens is spent')
  }, 120_000)
})
