import { cpSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'
import { scriptedLlm } from '../support/scriptedLlm'

const fixture = resolve(__dirname, '../fixtures/governance/tidy-notes')

function skillCopy(): string {
  const dir = join(tempDir(), 'tidy-notes')
  cpSync(fixture, dir, { recursive: true })
  return dir
}

describe('the optional LLM review of scans', () => {
  it('is off by default: the static scan alone decides', async () => {
    const t = makeCore()
    expect(await t.call('scan.settings', {})).toEqual({ llmReview: false, reviewFailOpen: false })
    const report = await t.call('skills.scan', { path: skillCopy() })
    expect(report).toMatchObject({ risk: 'LOW', status: 'complete', findings: [] })
  })

  it('adds the model’s findings to the report', async () => {
    const llm = await scriptedLlm([
      {
        content: JSON.stringify({
          findings: [
            {
              rule: 'hidden-upload',
              severity: 'HIGH',
              file: 'SKILL.md',
              line: 3,
              message: 'The instructions ask the agent to upload notes to a third party.',
              evidence: 'upload them to',
            },
          ],
        }),
      },
    ])
    const t = makeCore()
    const dir = skillCopy()
    // A static scan of the same content is cached; turning the review on must not reuse it.
    expect((await t.call('skills.scan', { path: dir })).risk).toBe('LOW')
    await t.call('llm.set', { provider: 'openai-compatible', baseUrl: llm.baseUrl, model: 'reviewer' })
    await t.call('scan.settings', { llmReview: true })
    const report = await t.call('skills.scan', { path: dir })
    expect(report.risk).toBe('HIGH')
    expect(report.findings).toContainEqual(
      expect.objectContaining({ rule: 'llm.hidden-upload', severity: 'HIGH', line: 3 }),
    )
    expect(llm.requests[0]!.messages.map((m) => m.content).join('\n')).toContain('===== skill.py =====')
  })

  it('fails closed when the review cannot run, unless fail-open was chosen', async () => {
    const llm = await scriptedLlm([{ status: 500 }, { status: 500 }, { status: 500 }, { status: 500 }])
    const t = makeCore()
    await t.call('llm.set', { provider: 'openai-compatible', baseUrl: llm.baseUrl, model: 'reviewer' })
    await t.call('scan.settings', { llmReview: true })
    const closed = await t.call('skills.scan', { path: skillCopy() })
    expect(closed.status).toBe('needs-review')
    expect(closed.risk).not.toBe('LOW')
    await t.call('scan.settings', { reviewFailOpen: true })
    expect(await t.call('scan.settings', {})).toEqual({ llmReview: true, reviewFailOpen: true })
    const open = await t.call('skills.scan', { path: skillCopy() })
    expect(open).toMatchObject({ status: 'complete', risk: 'LOW' })
  })

  it('with no model provider, says so and what to do, not "Unexpected error"', async () => {
    const t = makeCore()
    await t.call('scan.settings', { llmReview: true })
    const report = await t.call('skills.scan', { path: skillCopy() })
    expect(report.status).toBe('needs-review')
    const finding = report.findings.find((f) => f.rule === 'scan.review-unavailable')
    expect(finding?.message).toContain('no model provider is configured for the LLM review')
    expect(finding?.message).toContain('`skilldock llm set`')
    expect(finding?.message).toContain('`skilldock governance --llm-review off`')
    expect(JSON.stringify(report)).not.toMatch(/unexpected error/i)
  })
})
