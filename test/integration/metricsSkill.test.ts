import { describe, expect, it } from 'vitest'
import { cli, cliCall } from '../support/cli'
import { tempDir } from '../support/fs'

describe('skilldock metrics --skill', { timeout: 120_000 }, () => {
  it('names the skill when it has no calls, instead of saying no calls were recorded at all', async () => {
    const home = tempDir('skilldock-metrics-skill-')
    const called = await cliCall(home, 'unit-converter', 'convert', {
      value: 1,
      from_unit: 'km',
      to_unit: 'm',
    })
    expect(called.code, called.stderr).toBe(0)

    const all = await cli(['--home', home, 'metrics'])
    expect(all.stdout).toContain('unit-converter')

    const typo = await cli(['--home', home, 'metrics', '--skill', 'unit-convertr'])
    expect(typo.code).toBe(0)
    expect(typo.stdout).toContain('No calls of unit-convertr recorded yet')
    expect(typo.stdout).not.toContain('No tool calls recorded yet')
  })
})
