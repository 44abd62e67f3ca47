import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

/**
 * `governance --llm-review on` with no model provider used to answer "on (fail-closed)" and nothing
 * else; the person found out only when every import waited with "review-unavailable".
 */
describe('governance warns when the LLM review has no model to run on', () => {
  it('says every review fails and what that means, and stops saying it once the review is off', async () => {
    const home = tempDir('skilldock-review-warning-')
    const on = await cli(['--home', home, 'governance', '--llm-review', 'on', '--review-fail-open', 'off'])
    expect(on.code, on.stderr).toBe(0)
    expect(on.stdout).toContain('LLM review of scans: on (fail-closed)')
    expect(on.stdout).toContain('warning: no model provider is configured')
    expect(on.stdout).toContain('every new or changed skill waits for a person')
    expect(on.stdout).toContain('skilldock llm set')

    const open = await cli(['--home', home, 'governance', '--review-fail-open', 'on'])
    expect(open.stdout).toContain('the static scan alone decides')

    // --json stays one document with the settings only.
    const json = await cli(['--home', home, '--json', 'governance'])
    expect(JSON.parse(json.stdout)).toMatchObject({ llmReview: true, reviewFailOpen: true })

    const off = await cli(['--home', home, 'governance', '--llm-review', 'off'])
    expect(off.stdout).toContain('LLM review of scans: off')
    expect(off.stdout).not.toContain('warning')
  })
})
