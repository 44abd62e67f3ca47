import { expect } from 'vitest'
import type { RunningServer } from '../../src-main/http/server'
import type { TestCore } from '../support/core'

// Shared by the composite skill suites (composition.test.ts, compositionCalls.test.ts).

export const servers: RunningServer[] = []

export const DOCUMENT = '{"title":"Field notes","tags":["birds","herons"],"count":3}'
export const STEPS = ['json-tools/json_format', 'text-stats/text_statistics|text-stats/top_words']

/** Creates the doc-report composite and approves it as a person would. */
export async function approvedComposite(t: TestCore) {
  const made = await t.call('compose.create', { name: 'doc-report', steps: STEPS })
  expect(made.approval.status).toBe('pending')
  await t.call('approvals.decide', { id: made.approval.id, approve: true })
  return made
}

export const text = (r: { content: Record<string, unknown>[] }) =>
  r.content.map((c) => (c.type === 'text' ? String(c.text) : '')).join('\n')
