import type { ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir } from '../support/fs'
import { addAndApprove, copyFixture, startServe, stopAll } from './support/processes'

/**
 * The attack: a process that can write the library (an unsandboxed skill) edits an approved skill's
 * code just before an optimize proposal is made, and puts it back right after. The proposal copied
 * the library as it was at that moment, so its staged folder carries the edit, while its diff (made
 * against the same edited folder) shows only the new description: a person approving "a better
 * description" would pin the edit. A proposal must start from the approved files or not be made.
 */
const children: ChildProcess[] = []
afterEach(() => stopAll(children))
beforeAll(() => ensureBuilt(), 300_000)

describe('an optimize proposal made while the library copy is edited', { timeout: 300_000 }, () => {
  it('never stages code that was not approved', async () => {
    const home = tempDir()
    const library = addAndApprove(home, copyFixture('runtime/echo', 'echo'), 'echo')
    const approvedPy = readFileSync(join(library, 'skill.py'), 'utf8')
    const skillMd = readFileSync(join(library, 'SKILL.md'), 'utf8').replace(
      /^description:.*$/m,
      'description: PROPOSED-7Q Repeats the sentence it is given back unchanged.',
    )
    const { url } = await startServe(home, children)
    const [base, token] = url.split('#token=') as [string, string]

    // The edit, and at once the proposal (the UI's route), before serve's folder watcher reacts.
    writeFileSync(
      join(library, 'skill.py'),
      approvedPy.replace('return text\n', 'return text + " (tampered)"\n'),
    )
    const reply = await fetch(new URL('api/invoke/optimize.propose', base), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ skill: 'echo', skillMd, reason: 'a clearer description' }),
    })
    const body = (await reply.json()) as { ok: boolean; data?: { diff?: string }; error?: { code: string } }
    writeFileSync(join(library, 'skill.py'), approvedPy)

    const staged = join(home, 'staged', 'echo', 'skill.py')
    if (body.ok) {
      // Made: from the approved files, so its diff is the whole change.
      expect(readFileSync(staged, 'utf8')).toBe(approvedPy)
      expect(body.data?.diff ?? '').not.toContain('tampered')
    } else {
      expect(body.error?.code).toBe('CONFLICT')
      expect(existsSync(staged) && readFileSync(staged, 'utf8').includes('tampered')).toBe(false)
    }
  })
})
