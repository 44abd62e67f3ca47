import { describe, expect, it } from 'vitest'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

/** The README teaches `skilldock source …`; the hints in errors name the same command, not the `repo` alias. */
describe('source errors name `skilldock source …`', () => {
  it('an unknown source points to `skilldock source list`', async () => {
    const home = tempDir('skilldock-source-hints-')
    const synced = await cli(['--home', home, 'source', 'sync', 'nope'])
    expect(synced.code).toBe(1)
    expect(synced.stderr).toContain('No source named "nope"')
    expect(synced.stderr).toContain('`skilldock source list`')
    expect(synced.stderr).not.toContain('skilldock repo')
  })
})
