import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Approval, SkillDetail } from '../../src-main/contract/models'
import type { GoldenReport, OptimizeResult } from '../../src-main/contract/routing'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'
import { scriptedLlm } from '../support/scriptedLlm'

const VAGUE = 'Helps with small things.'
const GOOD =
  'Names emoji characters: tells what an emoji means and its official Unicode name. Use when the user asks what an emoji is called or what it means.'
const BAD = 'A handy helper for json, csv and sqlite work.'

/** A library skill (instructions only) whose description says too little for routing to pick it. */
function setup() {
  const home = tempDir('skilldock-optimize-home-')
  const src = join(tempDir('skilldock-optimize-src-'), 'glyph-lookup')
  mkdirSync(src)
  writeFileSync(
    join(src, 'SKILL.md'),
    `---\nname: glyph-lookup\ndescription: ${VAGUE}\nlicense: MIT\n---\n\n# Glyph lookup\n\nLook the character up in the Unicode tables.\n`,
  )
  const golden = join(home, 'golden.json')
  writeFileSync(
    golden,
    JSON.stringify([
      { query: 'what is this emoji called: 🦦', expected: 'glyph-lookup' },
      { query: 'what does this emoji stand for', expected: 'glyph-lookup' },
      { query: 'give me the unicode name of this emoji', expected: 'glyph-lookup' },
      { query: 'convert 10 km to miles', expected: 'unit-converter' },
      { query: 'book a table for two tonight', expected: null },
    ]),
  )
  const run = (...args: string[]) => cli(['--home', home, ...args])
  return { home, src, golden, run }
}

async function installed(run: ReturnType<typeof setup>['run'], src: string) {
  expect((await run('add', src)).code).toBe(0)
  const [pending] = (await run('--json', 'approvals')).json() as Approval[]
  expect((await run('approve', pending!.id)).code).toBe(0)
}

describe('skilldock optimize', () => {
  it('measures variants from a file, proposes the winner as an update request with the figures; nothing applies until approved', async () => {
    const { home, src, golden, run } = setup()
    await installed(run, src)
    const before = (await run('--json', 'metrics', '--golden', golden)).json() as GoldenReport
    expect(before.recall).toBeLessThan(0.5)

    const variants = join(home, 'variants.txt')
    writeFileSync(variants, `${BAD}\n${GOOD}\n`)
    const result = await run(
      '--json',
      'optimize',
      'glyph-lookup',
      '--golden',
      golden,
      '--variant-file',
      variants,
    )
    expect(result.code).toBe(0)
    const out = result.json() as OptimizeResult & { approvalId: string }
    expect(out.winner).toBe(1)
    expect(out.variants[1]!.recall).toBeGreaterThan(out.baseline.recall)
    expect(out.variants[1]!.precision).toBeGreaterThanOrEqual(out.baseline.precision)
    expect(out.baseline.description).toBe(VAGUE)

    // The request carries the figures; the approved description is the one that runs until then.
    const approval = (await run('--json', 'approvals', '--id', out.approvalId)).json() as Approval
    expect(approval).toMatchObject({ skill: 'glyph-lookup', kind: 'update', status: 'pending' })
    expect(approval.reason).toContain('precision')
    expect(approval.reason).toContain(GOOD)
    const held = (await run('--json', 'show', 'glyph-lookup')).json() as SkillDetail
    expect(held.state).not.toBe('active')

    expect((await run('approve', out.approvalId)).code).toBe(0)
    const after = (await run('--json', 'show', 'glyph-lookup')).json() as SkillDetail
    expect(after).toMatchObject({ state: 'active', description: GOOD })
    const measured = (await run('--json', 'metrics', '--golden', golden)).json() as GoldenReport
    expect(measured.recall).toBeCloseTo(out.variants[1]!.recall, 10)
  }, 120_000)

  it('proposes nothing when no variant beats the current description', async () => {
    const { home, src, golden, run } = setup()
    await installed(run, src)
    const variants = join(home, 'variants.json')
    writeFileSync(variants, JSON.stringify([BAD]))
    const result = await run('optimize', 'glyph-lookup', '--golden', golden, '--variant-file', variants)
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('No variant beats the current description')
    expect((await run('--json', 'approvals')).json()).toEqual([])
  }, 120_000)

  it('asks the configured model for --variants N, and without a model or variant file says what to do', async () => {
    const { src, golden, run } = setup()
    await installed(run, src)
    const offline = await run('optimize', 'glyph-lookup', '--golden', golden)
    expect(offline.code).toBe(1)
    expect(offline.stderr).toContain('--variant-file')

    const llm = await scriptedLlm([{ content: JSON.stringify([BAD, GOOD]), tokens: 300 }])
    await run(
      'llm',
      'set',
      '--provider',
      'openai-compatible',
      '--base-url',
      llm.baseUrl,
      '--model',
      'scripted',
    )
    const result = await run('--json', 'optimize', 'glyph-lookup', '--golden', golden, '--variants', '2')
    expect(result.code).toBe(0)
    const out = result.json() as OptimizeResult & { approvalId: string | null }
    expect(out.variants.map((v) => v.description)).toEqual([BAD, GOOD])
    expect(out.winner).toBe(1)
    expect(out.approvalId).not.toBeNull()
    expect(llm.requests[0]!.messages.at(-1)!.content).toContain('what is this emoji called')
  }, 120_000)
})
