import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'

function home() {
  const dir = tempDir('skilldock-home-')
  return (...args: string[]) => cli(['--home', dir, ...args])
}

describe('skilldock governance switches', () => {
  it('each switch changes from the CLI and shows in the next `governance`', async () => {
    const run = home()
    const before = (await run('--json', 'governance')).json() as Record<string, unknown>
    expect(before).toMatchObject({ gapDetection: true, selfGeneration: true, llmReview: false })

    const set = await run(
      'governance',
      '--gap-detection',
      'off',
      '--self-generation',
      'off',
      '--default-trust',
      'sandboxed',
      '--llm-review',
      'on',
      '--review-fail-open',
      'on',
    )
    expect(set.code).toBe(0)
    expect(set.stdout).toContain('gap detection: off')
    expect(set.stdout).toContain('self-generation: off')
    expect(set.stdout).toContain('default trust: sandboxed')
    expect(set.stdout).toContain('LLM review of scans: on (fail-open)')

    const after = (await run('--json', 'governance')).json()
    expect(after).toMatchObject({
      mode: before.mode,
      gapDetection: false,
      selfGeneration: false,
      defaultTrust: 'sandboxed',
      llmReview: true,
      reviewFailOpen: true,
    })
    // One switch at a time leaves the others as they are.
    await run('governance', '--gap-detection', 'on')
    expect((await run('--json', 'governance')).json()).toMatchObject({
      gapDetection: true,
      selfGeneration: false,
      defaultTrust: 'sandboxed',
    })
  })

  it('a bad value is a usage error (exit 2) and changes nothing, not even the valid switches beside it', async () => {
    const run = home()
    const before = (await run('--json', 'governance')).json()
    const bad = await run('governance', '--gap-detection', 'off', '--self-generation', 'maybe')
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('--self-generation takes on or off')
    const trust = await run('governance', '--llm-review', 'on', '--default-trust', 'yolo')
    expect(trust.code).toBe(2)
    expect(trust.stderr).toContain('--default-trust takes one of trusted, monitored, sandboxed, restricted')
    const mode = await run('governance', 'bogus', '--gap-detection', 'off')
    expect(mode.code).toBe(2)
    expect(mode.stderr).toContain('the governance mode is one of full_auto, semi_auto, locked, not "bogus"')
    expect((await run('--json', 'governance')).json()).toEqual(before)
  })
})
