import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect } from 'vitest'
import { tempDir } from '../../support/fs'
import { addAndApprove, copyFixture, skilldockJson } from './processes'

/** The description an optimize proposal for echo offers: searched for to tell it from the approved one. */
export const PROPOSED =
  'PROPOSED-7Q: Repeats words back unchanged, like a parrot: returns the sentence it is given. Use when the user asks to repeat or parrot a sentence.'

/**
 * A home with the echo fixture approved and an optimize proposal for it waiting (each step its own
 * CLI process): the golden queries make the proposed description the winner.
 */
export function proposedEcho(): { home: string; library: string; approvalId: string } {
  const home = tempDir()
  const library = addAndApprove(home, copyFixture('runtime/echo', 'echo'), 'echo')
  const golden = join(home, 'golden.json')
  writeFileSync(
    golden,
    JSON.stringify([
      { query: 'parrot this sentence back to me', expected: 'echo' },
      { query: 'repeat my words back unchanged', expected: 'echo' },
      { query: 'book a table for two tonight', expected: null },
    ]),
  )
  const variants = join(home, 'variants.txt')
  writeFileSync(variants, `${PROPOSED}\n`)
  const out = skilldockJson<{ approvalId: string | null; winner: number | null }>(
    home,
    'optimize',
    'echo',
    '--golden',
    golden,
    '--variant-file',
    variants,
  )
  expect(out.winner).toBe(0)
  expect(out.approvalId).not.toBeNull()
  return { home, library, approvalId: out.approvalId! }
}
