import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
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
/** The skill's one tool: the character's Unicode name. */
const GLYPH_SERVER = [
  'import unicodedata',
  'try:',
  '    from mcp.server.fastmcp import FastMCP',
  'except ImportError:',
  '    from skilldock_mcp import FastMCP',
  '',
  'mcp = FastMCP("glyph-lookup")',
  '',
  '',
  '@mcp.tool()',
  'def lookup(char: str) -> str:',
  '    "The entry of the character in the tables."',
  '    return unicodedata.name(char[0], "unknown")',
  '',
  '',
  'if __name__ == "__main__":',
  '    mcp.run()',
  '',
].join('\n')

/** A library skill with one tool, whose description says too little for routing to pick it. */
function setup() {
  const home = tempDir('skilldock-optimize-home-')
  const src = join(tempDir('skilldock-optimize-src-'), 'glyph-lookup')
  mkdirSync(src)
  writeFileSync(
    join(src, 'SKILL.md'),
    `---\nname: glyph-lookup\ndescription: ${VAGUE}\nlicense: MIT\n---\n\n# Glyph lookup\n\nLook the character up in the Unicode tables.\n`,
  )
  writeFileSync(join(src, 'skill.py'), GLYPH_SERVER)
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
  /** `optimize --json` measuring `descriptions` (one a line in a variant file) against the golden file. */
  const optimize = (descriptions: string[]) => {
    const variants = join(home, 'variants.txt')
    writeFileSync(variants, `${descriptions.join('\n')}\n`)
    return run('--json', 'optimize', 'glyph-lookup', '--golden', golden, '--variant-file', variants)
  }
  return { home, src, golden, run, optimize }
}

async function installed(run: ReturnType<typeof setup>['run'], src: string) {
  expect((await run('add', src)).code).toBe(0)
  const [pending] = (await run('--json', 'approvals')).json() as Approval[]
  expect((await run('approve', pending!.id)).code).toBe(0)
}

/** The skill as every face sees it: listed and shown active with this description, and its tool runs. */
async function expectServing(run: ReturnType<typeof setup>['run'], description: string) {
  const shown = (await run('--json', 'show', 'glyph-lookup')).json() as SkillDetail
  expect(shown).toMatchObject({ state: 'active', description })
  const listed = (await run('--json', 'list')).json() as SkillDetail[]
  expect(listed.find((s) => s.name === 'glyph-lookup')).toMatchObject({ state: 'active', description })
  const called = await run('call', 'glyph-lookup', 'lookup', '--args', '{"char":"🦦"}')
  expect(called.stderr).toBe('')
  expect(called.stdout).toContain('OTTER')
  return shown
}

describe('skilldock optimize', () => {
  it('measures variants from a file, proposes the winner as an update request with the figures; nothing applies until approved', async () => {
    const { home, src, golden, run, optimize } = setup()
    await installed(run, src)
    // Routing reads a skill's tools once they are known: learn them first, so every figure below sees them.
    await expectServing(run, VAGUE)
    const before = (await run('--json', 'metrics', '--golden', golden)).json() as GoldenReport
    expect(before.recall).toBeLessThan(0.5)

    const result = await optimize([BAD, GOOD])
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
    expect(approval.details?.staged).toBe(true)
    // Staged: while the request waits, the approved version is what lists, shows, routes and runs.
    await expectServing(run, VAGUE)
    const meanwhile = (await run('--json', 'metrics', '--golden', golden)).json() as GoldenReport
    expect(meanwhile.recall).toBeCloseTo(before.recall, 10)

    expect((await run('approve', out.approvalId)).code).toBe(0)
    const after = await expectServing(run, GOOD)
    // The new files are pinned: nothing is held, nothing else waits.
    expect(after.pinnedFingerprint).toBe(after.fingerprint)
    expect(
      ((await run('--json', 'approvals')).json() as Approval[]).filter((a) => a.status === 'pending'),
    ).toEqual([])
    expect(existsSync(join(home, 'staged', 'glyph-lookup'))).toBe(false)
    const measured = (await run('--json', 'metrics', '--golden', golden)).json() as GoldenReport
    // Routing now reads the new description (the catalog search too, which the estimate left as it was).
    expect(measured.recall).toBeGreaterThanOrEqual(out.variants[1]!.recall)
    expect(measured.recall).toBeGreaterThan(before.recall)
  }, 180_000)

  it('a rejected proposal is discarded: the approved description serves on', async () => {
    const { home, src, run, optimize } = setup()
    await installed(run, src)
    const result = await optimize([GOOD])
    const out = result.json() as OptimizeResult & { approvalId: string }
    expect(existsSync(join(home, 'staged', 'glyph-lookup'))).toBe(true)

    expect((await run('reject', out.approvalId, '--reason', 'keep the short one')).code).toBe(0)
    const kept = await expectServing(run, VAGUE)
    expect(kept.pinnedFingerprint).toBe(kept.fingerprint)
    expect(existsSync(join(home, 'staged', 'glyph-lookup'))).toBe(false)
    const decided = (await run('--json', 'approvals', '--id', out.approvalId)).json() as Approval
    expect(decided.status).toBe('rejected')
  }, 180_000)

  it('a newer proposal replaces the waiting one; removing the skill drops its proposal', async () => {
    const { home, src, run, optimize } = setup()
    await installed(run, src)
    const propose = async (description: string) => {
      const result = await optimize([description])
      expect(result.code).toBe(0)
      return (result.json() as OptimizeResult & { approvalId: string }).approvalId
    }
    const first = await propose(GOOD)
    const second = await propose(`${GOOD} Also gives the code point.`)
    const older = await run('approve', first)
    expect(older.code).toBe(1)
    expect(older.stderr).toContain('superseded')
    await expectServing(run, VAGUE)

    expect((await run('remove', 'glyph-lookup')).code).toBe(0)
    expect(existsSync(join(home, 'staged', 'glyph-lookup'))).toBe(false)
    const closed = (await run('--json', 'approvals', '--id', second)).json() as Approval
    expect(closed.status).toBe('superseded')
  }, 180_000)

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
