import { describe, expect, it } from 'vitest'
import type { SkillDetail } from '../../../src-main/contract/models'
import { trustInWords } from '../../../src-main/contract/runMode'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'

/** `show` says how a skill actually runs, not only its trust level. */
describe('skilldock show: how the skill runs', () => {
  it('a bundled skill is trusted yet runs confined (no network, no secrets); not scanned because bundled', async () => {
    const home = tempDir()
    const show = await cli(['--home', home, 'show', 'csv-profiler'])
    expect(show.code).toBe(0)
    expect(show.stdout).toMatch(
      /trust {8}trusted \(bundled: runs confined — reads your files; no network, no secrets: no data home, keyrings or credential files\)/,
    )
    expect(show.stdout).toMatch(/risk {9}not scanned \(bundled with SkillDock\)/)
  })

  it('a library skill approved as sandboxed says it runs in the OS sandbox', async () => {
    const home = tempDir()
    await cli(['--home', home, 'governance', 'full_auto'])
    expect((await cli(['--home', home, 'add', writeSkill(tempDir(), 'boxed', 'Boxed things.')])).code).toBe(0)
    const show = await cli(['--home', home, 'show', 'boxed'])
    expect(show.stdout).toMatch(/trust {8}sandboxed \(runs in the OS sandbox — its own folder/)
    expect(show.stdout).toMatch(/risk {9}LOW/)
  })

  it('the skill page gets the same words as `show` from the core (skills.get runsAs)', async () => {
    const home = tempDir()
    const show = await cli(['--home', home, 'show', 'csv-profiler'])
    const detail = (await cli(['--home', home, '--json', 'show', 'csv-profiler'])).json() as SkillDetail
    expect(show.stdout).toContain(`trust        ${detail.runsAs}\n`)
    expect(detail.runsAs).toBe(trustInWords({ origin: 'builtin', trust: 'trusted' }))
  })
})
