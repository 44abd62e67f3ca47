import { describe, expect, it } from 'vitest'
import { resultText, runtimeCore } from '../support/runtimeCore'

describe("a skill's results are checked against the output schemas it declares", () => {
  it('refuses structured content that breaks the schema or is missing, and passes what keeps it', async () => {
    const t = runtimeCore(['bad-output'])
    const broken = await t.raw('runtime.call', { name: 'bad-output', tool: 'count' })
    expect(!broken.ok && broken.error.message).toMatch(/does not match the tool's output schema/)
    const missing = await t.raw('runtime.call', { name: 'bad-output', tool: 'missing' })
    expect(!missing.ok && missing.error.message).toMatch(
      /has an output schema but did not return structured content/,
    )
    const kept = await t.call('runtime.call', { name: 'bad-output', tool: 'fixed_count' })
    expect(kept.structuredContent).toEqual({ result: 3 })
    expect(resultText(await t.call('runtime.call', { name: 'bad-output', tool: 'plain' }))).toBe('anything')
    // The refusal is per call: the same process keeps serving and keeps refusing.
    const again = await t.raw('runtime.call', { name: 'bad-output', tool: 'count' })
    expect(!again.ok && again.error.message).toMatch(/does not match the tool's output schema/)
    expect((await t.call('runtime.status', { name: 'bad-output' }))[0]?.state).toBe('running')
  })
})
