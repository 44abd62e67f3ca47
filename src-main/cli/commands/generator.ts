import type { Command } from 'commander'
import { InvalidArgumentError, Option } from 'commander'
import type { GenerationResult, LlmConfig } from '../../contract/generator'
import type { RouteInput } from '../../contract/routes'
import { type CliContext, CommandError, ExitCode } from '../context'
import { table } from '../format'

function formatResult(r: GenerationResult): string {
  if (r.outcome === 'existing') {
    return `${r.skill} already does this (similarity ${r.score}). Nothing was generated; see \`skilldock show ${r.skill}\`.`
  }
  if (r.outcome === 'proposed') {
    return [
      `Proposed ${r.skill}${r.template ? ' (offline TEMPLATE: its tool is not implemented yet)' : ''}: approval ${r.approvalId} is ${r.approvalStatus}.`,
      r.approvalStatus === 'pending' ? `Review it with \`skilldock approvals --id ${r.approvalId}\`.` : '',
    ]
      .filter(Boolean)
      .join('\n')
  }
  return `Generation failed${r.skill ? `; the draft stays in drafts/${r.skill}` : ''}.\n${r.reason ?? ''}`
}

function formatConfig(c: LlmConfig): string {
  return table([
    ['provider', c.provider === 'none' ? 'none (offline templates)' : c.provider],
    ['base URL', c.baseUrl ?? '-'],
    ['model', c.model ?? '-'],
    ['API key', c.keySet ? 'set (in the OS keychain)' : 'not set'],
    ['tokens per generation', String(c.maxTokensPerGeneration)],
    ['daily budget', `${c.dailyTokenBudget} (${c.usedToday} used today)`],
  ])
}

/** generate, llm show/set/key/test, gap: the skill generator and its model provider. */
export function registerGeneratorCommands(program: Command, ctx: CliContext): void {
  program
    .command('generate')
    .description('generate a skill from a plain-English intent (or find one that already does it)')
    .argument('<intent>')
    .action(async (intent: string) => {
      const stop = ctx
        .open()
        .events.on('generator.progress', (p) =>
          ctx.io.stderr(`[${p.stage}${p.round ? ` ${p.round}` : ''}] ${p.message}\n`),
        )
      try {
        const result = await ctx.call('generator.generate', { intent })
        ctx.output(result, () => formatResult(result))
        if (result.outcome === 'failed') throw new ExitCode(1)
      } finally {
        stop()
      }
    })

  const llm = program.command('llm').description("the generator's model provider")
  llm
    .command('show')
    .description('the provider settings (never the key)')
    .action(async () => {
      const config = await ctx.call('llm.get', {})
      ctx.output(config, () => formatConfig(config))
    })
  llm
    .command('budget')
    .description('the model budgets (per request, daily, monthly) and what has been spent')
    .action(async () => {
      const b = await ctx.call('llm.budget', {})
      ctx.output(b, () =>
        table([
          [
            'per request',
            `${b.perRequest}${b.last ? ` (last: ${b.last.tokens} by a ${b.last.purpose} at ${b.last.at})` : ''}`,
          ],
          ['today', `${b.usedToday} of ${b.daily}`],
          ['this month', `${b.usedThisMonth} of ${b.monthly}`],
        ]),
      )
    })
  llm
    .command('set')
    .description('change the provider settings')
    .addOption(
      new Option('--provider <kind>', 'model provider').choices(['none', 'openai-compatible', 'anthropic']),
    )
    .option('--base-url <url>', 'OpenAI-compatible base URL, e.g. http://127.0.0.1:11434/v1')
    .option('--model <model>', 'model name')
    .option('--max-tokens <n>', 'tokens one generation may spend', parseInteger)
    .option('--daily-budget <n>', 'tokens all generations may spend per day', parseInteger)
    .option('--monthly-budget <n>', 'tokens all model requests may spend per calendar month', parseInteger)
    .action(
      async (opts: {
        provider?: RouteInput<'llm.set'>['provider']
        baseUrl?: string
        model?: string
        maxTokens?: number
        dailyBudget?: number
        monthlyBudget?: number
      }) => {
        const config = await ctx.call('llm.set', {
          ...(opts.provider !== undefined ? { provider: opts.provider } : {}),
          ...(opts.baseUrl !== undefined ? { baseUrl: opts.baseUrl } : {}),
          ...(opts.model !== undefined ? { model: opts.model } : {}),
          ...(opts.maxTokens !== undefined ? { maxTokensPerGeneration: opts.maxTokens } : {}),
          ...(opts.dailyBudget !== undefined ? { dailyTokenBudget: opts.dailyBudget } : {}),
          ...(opts.monthlyBudget !== undefined ? { monthlyTokenBudget: opts.monthlyBudget } : {}),
        })
        ctx.output(config, () => formatConfig(config))
      },
    )
  llm
    .command('key')
    .description('store the API key in the OS keychain (read from stdin)')
    .action(async () => {
      if (ctx.io.isTty) ctx.io.stderr('API key (input hidden; Enter to finish): ')
      const key = (await ctx.io.readSecret()).trim()
      if (key === '')
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: 'No key given on stdin; nothing was stored.',
        })
      const stored = await ctx.call('llm.setKey', { key })
      ctx.output(stored, () => 'Stored the API key in the OS keychain.')
    })
  llm
    .command('test')
    .description('send one tiny request to the configured provider')
    .action(async () => {
      const result = await ctx.call('llm.test', {})
      ctx.output(result, () => `${result.provider} answered "${result.reply}" in ${result.latencyMs} ms.`)
    })

  program
    .command('gap')
    .description('detect capability gaps in agent output; generates when governance allows')
    .argument('<text>')
    .action(async (text: string) => {
      const result = await ctx.call('gaps.detect', { text })
      // Every gap found was new when there is one generation per gap, in the same order: then a gap
      // whose draft failed says so, not only `proposed` (its status once a draft exists, so the same
      // gap is not drafted again).
      const generationOf = (index: number) =>
        result.generations.length === result.gaps.length ? result.generations[index] : undefined
      const failed = result.generations.filter((r) => r.outcome === 'failed')
      ctx.output(result, () =>
        [
          result.gaps.length === 0
            ? 'No capability gap found.'
            : table([
                ['CAPABILITY', 'STATUS', 'TIMES'],
                ...result.gaps.map((g, i) => [
                  g.capability,
                  generationOf(i)?.outcome === 'failed' ? 'recorded; generation failed' : g.status,
                  String(g.occurrences),
                ]),
              ]),
          ...result.generations.map(formatResult),
          result.note ?? '',
        ]
          .filter(Boolean)
          .join('\n'),
      )
      // Like `generate`: a generation that was attempted and failed is a failure (the gap stays recorded).
      if (failed.length > 0) throw new ExitCode(1)
    })

  const gapsCommand = program
    .command('gaps')
    .description('recorded capability gaps; `gaps add` records your own hint')
    .action(async () => {
      const gaps = await ctx.call('gaps.list', {})
      ctx.output(gaps, () =>
        gaps.length === 0
          ? 'No capability gaps recorded.'
          : table([
              ['CAPABILITY', 'TRIGGER', 'REQUESTER', 'STATUS', 'TIMES'],
              ...gaps.map((g) => [g.capability, g.trigger, g.requester, g.status, String(g.occurrences)]),
            ]),
      )
    })
  gapsCommand
    .command('add')
    .description('record a capability you miss (trigger `user`); `skilldock generate` can then write it')
    .argument('<capability>', 'what is missing, e.g. "resize PNG images"')
    .option('--context <text>', 'where you needed it')
    .action(async function (this: Command, capability: string, opts: { context?: string }) {
      const gap = await ctx.call('gaps.add', { capability, context: opts.context }).catch((err: unknown) => {
        // The route refusing the words given (empty, too long) is a usage error: exit 2, same message.
        if (err instanceof CommandError && err.error.details?.route === 'gaps.add') {
          this.error(`error: ${err.error.message}`, { exitCode: 2, code: 'skilldock.usage' })
        }
        throw err
      })
      ctx.output(
        gap,
        () =>
          `Recorded the gap "${gap.capability}" (${gap.occurrences === 1 ? 'new' : `seen ${gap.occurrences} times`}, status ${gap.status}). ` +
          `Run \`skilldock generate "${gap.capability}"\` to draft a skill for it.`,
      )
    })
}

function parseInteger(value: string): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n <= 0)
    throw new InvalidArgumentError(`"${value}" is not a positive whole number.`)
  return n
}
