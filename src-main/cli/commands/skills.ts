import type { Command } from 'commander'
import type { SkillDetail, SkillState, SkillSummary, ValidationReport } from '../../contract/models'
import { validateSkillPath } from '../../core/app'
import { type CliContext, ExitCode } from '../context'
import { bytes, table } from '../format'
import { riskInWords, trustInWords } from '../../contract/runMode'
import { withPythonSyntax } from '../pythonSyntax'

const deprecationLabel = (s: SkillSummary): string =>
  s.deprecation
    ? s.deprecation.replacement
      ? ` (use ${s.deprecation.replacement})`
      : ' (no replacement)'
    : ''

const stateLabel = (s: SkillSummary): string =>
  (s.valid ? (s.eligible ? s.state : `${s.state} (unavailable)`) : `${s.state} (invalid)`) +
  deprecationLabel(s)

function formatReport(report: ValidationReport): string {
  const head = `${report.valid ? '✓' : '✗'} ${report.name ?? '(no name)'}  ${report.path}`
  const issue = (kind: string) => (i: ValidationReport['errors'][number]) =>
    `    ${kind} ${i.code}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`
  return [head, ...report.errors.map(issue('error')), ...report.warnings.map(issue('warning'))].join('\n')
}

function formatDetail(s: SkillDetail): string {
  const lines = [
    `${s.name}${s.version ? ` ${s.version}` : ''}`,
    `  ${s.description}`,
    '',
    `  state        ${s.state}`,
    ...(s.deprecation
      ? [
          `  deprecated   ${s.deprecation.reason}`,
          `  replacement  ${s.deprecation.replacement ?? '(none named)'}`,
        ]
      : []),
    `  origin       ${s.origin}`,
    `  source       ${s.source}`,
    `  trust        ${trustInWords(s)}`,
    `  risk         ${riskInWords(s)}`,
    `  eligible     ${s.eligible ? 'yes' : `no — ${s.ineligibleReasons.join('; ')}`}`,
    `  path         ${s.path}`,
    `  fingerprint  ${s.fingerprint ?? '(none: the folder could not be read)'}`,
  ]
  if (s.declaredTools.length > 0) lines.push(`  tools        ${s.declaredTools.join(', ')}`)
  if (s.errors.length + s.warnings.length > 0) {
    lines.push('', '  problems:')
    for (const i of s.errors)
      lines.push(`    error ${i.code}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`)
    for (const i of s.warnings)
      lines.push(`    warning ${i.code}${i.line ? ` (line ${i.line})` : ''}: ${i.message}`)
  }
  lines.push('', '  files:', ...s.files.map((f) => `    ${f.path}  ${bytes(f.size)}`))
  return lines.join('\n')
}

/** validate, add, list, show, search, enable, disable, remove, prompt. */
export function registerSkillCommands(program: Command, ctx: CliContext): void {
  program
    .command('validate')
    .description('validate skill folders or SKILL.md files; exit 1 if any has errors')
    .argument('<path...>', 'skill folders or SKILL.md files')
    .action((paths: string[]) => {
      const reports = paths.map((p) => withPythonSyntax(p, validateSkillPath(p)))
      ctx.output(reports, () => reports.map(formatReport).join('\n'))
      if (reports.some((r) => !r.valid)) throw new ExitCode(1)
    })

  program
    .command('add')
    .description('import a skill, or a folder of skills, from a local path, git URL, HTTP URL or archive')
    .argument(
      '<source>',
      'a local folder, SKILL.md or archive, a git URL (GitHub tree URLs too), or an http(s) index/SKILL.md/archive URL',
    )
    .option('--ref <ref>', 'git branch, tag or commit')
    .option('--allow-local', 'allow private and loopback addresses for an http(s) or git URL')
    .action(async (source: string, opts: { ref?: string; allowLocal?: boolean }) => {
      // Every kind goes through the sources fetchers, so what was installed is recorded in the lockfile.
      const result = await ctx.call('skills.addSource', {
        source,
        ref: opts.ref,
        allowLocal: opts.allowLocal,
      })
      // A new user's next step is the inbox: say where held skills wait and how to let them in.
      const held = result.skills.some((s) => s.state === 'pending')
      ctx.output(result, () =>
        [
          ...result.skills.map((s) => `Added ${s.name} (${s.state}${s.risk ? `, risk ${s.risk}` : ''})`),
          ...(held
            ? [
                'Pending skills wait in the approval inbox: `skilldock approvals` lists them (add --id <id> for the findings), then `skilldock approve <id>`.',
              ]
            : []),
        ].join('\n'),
      )
    })

  program
    .command('list')
    .description('list skills')
    .option('--state <state>', 'only skills in this state')
    .option('--query <text>', 'only skills matching this search')
    .action(async (opts: { state?: string; query?: string }) => {
      // Not checked here: the core refuses an unknown state with INVALID_INPUT naming the states.
      const state = opts.state as SkillState | undefined
      const skills = await ctx.call('skills.list', { state, query: opts.query })
      ctx.output(skills, () =>
        skills.length === 0
          ? 'No skills.'
          : table(
              [
                ['NAME', 'VERSION', 'STATE', 'DESCRIPTION'],
                ...skills.map((s) => [s.name, s.version ?? '-', stateLabel(s), s.description]),
              ],
              ctx.io.columns,
            ) +
            skills
              .filter((s) => !s.eligible)
              .map((s) => `\n${s.name}: ${s.ineligibleReasons.join('; ')}`)
              .join(''),
      )
    })

  program
    .command('show')
    .description('everything about one skill')
    .argument('<skill>')
    .action(async (name: string) => {
      const skill = await ctx.call('skills.get', { name })
      ctx.output(skill, () => formatDetail(skill))
    })

  program
    .command('search')
    .description('search skills by relevance')
    .argument('<query...>')
    .option('--limit <n>', 'at most this many results', '20')
    .action(async (words: string[], opts: { limit: string }) => {
      const hits = await ctx.call('skills.search', { query: words.join(' '), limit: Number(opts.limit) })
      ctx.output(hits, () =>
        hits.length === 0
          ? 'No matching skills.'
          : table(
              hits.map((h) => [h.name, h.score.toPrecision(3), h.description]),
              ctx.io.columns,
            ),
      )
    })

  for (const [command, enabled] of [
    ['enable', true],
    ['disable', false],
  ] as const) {
    program
      .command(command)
      .description(`${command} a skill`)
      .argument('<skill>')
      .action(async (name: string) => {
        const skill = await ctx.call('skills.setEnabled', { name, enabled })
        ctx.output(skill, () => `${skill.name}: ${skill.state}`)
      })
  }

  program
    .command('remove')
    .description('delete a skill from the library')
    .argument('<skill>')
    .action(async (name: string) => {
      const result = await ctx.call('skills.remove', { name })
      ctx.output(result, () =>
        [
          `Removed ${result.removed}.`,
          ...(result.credentialsRemoved.length > 0
            ? [`Deleted its credentials from the keychain: ${result.credentialsRemoved.join(', ')}.`]
            : []),
          ...(result.warning ? [`warning: ${result.warning}`] : []),
        ].join('\n'),
      )
    })

  program
    .command('prompt')
    .description('print the <available_skills> block for eligible active skills')
    .action(async () => {
      const { xml } = await ctx.call('skills.prompt', {})
      ctx.output({ xml }, () => xml)
    })
}
