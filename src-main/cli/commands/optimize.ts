import { readFileSync } from 'node:fs'
import type { Command } from 'commander'
import { InvalidArgumentError } from 'commander'
import type { OptimizeFigures, OptimizeResult } from '../../contract/routing'
import { type CliContext, CommandError } from '../context'
import { table } from '../format'
import { readGolden } from './routingFormat'

const pct = (n: number) => `${(n * 100).toFixed(1)}%`

function parseCount(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < 1 || n > 10)
    throw new InvalidArgumentError(`"${value}" is not a whole number from 1 to 10.`)
  return n
}

/** A variant file: a JSON array of descriptions, or one description per non-empty line. */
function readVariants(file: string): string[] {
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (err) {
    throw new CommandError({
      code: 'INVALID_INPUT',
      message: `Cannot read ${file} (${(err as Error).message}); give a file with one description per line.`,
    })
  }
  if (text.trimStart().startsWith('[')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch (err) {
      throw new CommandError({
        code: 'INVALID_INPUT',
        message: `${file} starts like JSON but is not (${(err as Error).message}); give a JSON array of strings or one description per line.`,
      })
    }
    if (!Array.isArray(parsed) || !parsed.every((v) => typeof v === 'string')) {
      throw new CommandError({ code: 'INVALID_INPUT', message: `${file} must be a JSON array of strings.` })
    }
    return parsed as string[]
  }
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
}

/** The figures the person reads (and the approval request carries). */
function figuresTable(result: OptimizeResult): string {
  const row = (label: string, f: OptimizeFigures) => [
    label,
    pct(f.hitRate),
    pct(f.precision),
    pct(f.recall),
    f.description.length > 70 ? `${f.description.slice(0, 67)}…` : f.description,
  ]
  return table([
    ['', 'HIT RATE', 'PRECISION', 'RECALL', 'DESCRIPTION'],
    row('current', result.baseline),
    ...result.variants.map((v, i) => row(`${i === result.winner ? '* ' : ''}variant ${i + 1}`, v)),
  ])
}

function reasonOf(result: OptimizeResult, golden: string): string {
  const w = result.variants[result.winner!]!
  const b = result.baseline
  return (
    `optimize: a new description measured on ${b.total} golden queries (${golden}): ` +
    `hit rate ${pct(b.hitRate)} → ${pct(w.hitRate)}, precision ${pct(b.precision)} → ${pct(w.precision)}, ` +
    `recall ${pct(b.recall)} → ${pct(w.recall)}. New description: ${w.description}`
  ).slice(0, 2000)
}

/** optimize: description variants measured on golden queries; the winner becomes an update request. */
export function registerOptimizeCommand(program: Command, ctx: CliContext): void {
  program
    .command('optimize')
    .description("measure variants of a skill's description on golden queries; propose the best as an update")
    .argument('<skill>')
    .requiredOption('--golden <file>', 'golden queries: [{"query", "expected": "<skill>[/<tool>]" or null}]')
    .option('--variants <n>', 'how many variants the model writes (1-10, default 3)', parseCount)
    .option('--variant-file <file>', 'your own variants (one per line, or a JSON array); no model needed')
    .action(async (skill: string, opts: { golden: string; variants?: number; variantFile?: string }) => {
      const cases = readGolden(opts.golden)
      let variants: string[]
      if (opts.variantFile !== undefined) {
        variants = readVariants(opts.variantFile).slice(0, opts.variants ?? 20)
      } else {
        const asked = await ctx.call('optimize.variants', { skill, cases, count: opts.variants ?? 3 })
        if (!ctx.json) ctx.io.stderr(`${asked.model} wrote ${asked.variants.length} variant(s).\n`)
        variants = asked.variants
      }
      if (variants.length === 0) {
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: 'No variant to measure; the variant file is empty.',
        })
      }
      const result = await ctx.call('optimize.measure', { skill, cases, variants })
      let proposal: { approvalId: string | null; note: string }
      if (result.winner === null || result.skillMd === null) {
        proposal = {
          approvalId: null,
          note: 'No variant beats the current description; nothing was proposed.',
        }
      } else if ((await ctx.call('skills.get', { name: result.skill })).origin === 'builtin') {
        proposal = {
          approvalId: null,
          note: `${result.skill} is bundled with SkillDock and cannot be updated; nothing was proposed. The winner is variant ${result.winner + 1}.`,
        }
      } else {
        // Staged: the approved description keeps serving until a person decides the request.
        const approval = await ctx.call('optimize.propose', {
          skill: result.skill,
          skillMd: result.skillMd,
          reason: reasonOf(result, opts.golden),
        })
        const id = approval.id.slice(0, 8)
        proposal =
          approval.status === 'pending'
            ? {
                approvalId: approval.id,
                note: `Proposed variant ${result.winner + 1} as update request ${id}. ${result.skill} keeps serving its approved description until the request is decided: approve it with \`skilldock approve ${id}\` or reject it with \`skilldock reject ${id} --reason "<why>"\`.`,
              }
            : {
                approvalId: approval.id,
                note: `Proposed variant ${result.winner + 1} as update request ${id}; governance ${approval.status} it (${approval.notes ?? 'no note'}).`,
              }
      }
      ctx.output({ ...result, ...proposal }, () => `${figuresTable(result)}\n\n${proposal.note}`)
    })
}
