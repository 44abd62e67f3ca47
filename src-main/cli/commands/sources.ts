import type { Command } from 'commander'
import { joinKinds, sourceKindFacts, sourceKindsListed } from '../../contract/sourceKindFacts'
import { ExportTarget, SourceType, type SyncReport } from '../../contract/sources'
import { type CliContext, CommandError, ExitCode, isOneOf } from '../context'
import { table } from '../format'
import { heldNote, isHeld, pendingRequestIds } from './heldNote'

const repoTypes = SourceType.options
const exportTargets = ExportTarget.options

/** The kinds whose facts say `fact`, by name: "git, http and mcp". */
const typesThat = (fact: 'takesRef' | 'takesToken' | 'remote') =>
  joinKinds(
    repoTypes.filter((t) => sourceKindFacts[t][fact]),
    'and',
  )
/** Help text about source kinds, built from the contract's `sourceKindFacts`. */
const kindHelp = {
  sources: joinKinds(
    sourceKindsListed().map((t) => sourceKindFacts[t].plural),
    'and',
  ),
  given: joinKinds(sourceKindsListed(true).flatMap((t) => sourceKindFacts[t].given ?? [])),
  ref: typesThat('takesRef'),
  token: typesThat('takesToken'),
  remote: typesThat('remote'),
}

function formatSync(reports: SyncReport[], held: Map<string, string>): string {
  return reports
    .map((r) =>
      [
        `${r.repo}${r.commit ? ` @ ${r.commit.slice(0, 12)}` : ''}: ${r.items.length} skills`,
        ...r.items.flatMap((i) => [
          `  ${i.status.padEnd(16)} ${i.name}${i.state ? ` (${i.state})` : ''}${i.message ? `  ${i.message}` : ''}`,
          ...(i.status === 'installed' && isHeld(i.state) ? [`    ${heldNote(i.name, i.state, held)}`] : []),
        ]),
      ].join('\n'),
    )
    .join('\n')
}

async function readToken(ctx: CliContext): Promise<string> {
  const token = (await ctx.io.readSecret()).replace(/\r?\n$/, '')
  if (token === '') {
    throw new CommandError({
      code: 'INVALID_INPUT',
      message: 'Give the token on stdin (e.g. `echo $TOKEN | …`).',
    })
  }
  return token
}

/** adopt: list or import skills already in an agent's skills folder. */
function registerAdopt(program: Command, ctx: CliContext): void {
  program
    .command('adopt')
    .description(
      "list skills already in an agent's skills folder that SkillDock did not put there, or import them (scan + governance)",
    )
    .requiredOption('--target <agent>', exportTargets.join(', '))
    .option('--dir <dir>', 'the skills folder to read instead of the agent default')
    .option('--all', 'adopt every skill that can be adopted')
    .argument('[skills...]')
    .action(async (names: string[], opts: { target: string; dir?: string; all?: boolean }) => {
      if (!isOneOf(exportTargets, opts.target)) {
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: `--target must be one of ${exportTargets.join(', ')}.`,
        })
      }
      if (opts.all && names.length > 0) {
        throw new CommandError({ code: 'INVALID_INPUT', message: 'Name skills or pass --all, not both.' })
      }
      if (!opts.all && names.length === 0) {
        const found = await ctx.call('skills.adoptable', { target: opts.target, dir: opts.dir })
        ctx.output(found, () =>
          found.length === 0
            ? 'Nothing to adopt: every skill there was put there by SkillDock, or there are none.'
            : table([
                ['NAME', 'FOLDER', 'ADOPTABLE', 'DESCRIPTION'],
                ...found.map((f) => [f.name, f.path, f.problem ?? 'yes', f.description]),
              ]) +
              '\nAdopt with `skilldock adopt --target ' +
              opts.target +
              ' --all` or by name.',
        )
        return
      }
      const result = await ctx.call('skills.adopt', {
        target: opts.target,
        dir: opts.dir,
        names: names.length > 0 ? names : undefined,
      })
      ctx.output(result, () =>
        [
          result.adopted.length === 0 ? `Adopted nothing from ${result.dir}.` : `Adopted from ${result.dir}:`,
          ...result.adopted.map((a) => `  ${a.name} (${a.state}${a.risk ? `, risk ${a.risk}` : ''})`),
          ...result.skipped.map((s) => `  skipped ${s.name}: ${s.reason}`),
        ].join('\n'),
      )
      if (result.adopted.length === 0 && result.skipped.length > 0) throw new ExitCode(1)
    })
}

/** repo add/list/sync/browse/remove, update, export, adopt. */
export function registerSourceCommands(program: Command, ctx: CliContext): void {
  registerAdopt(program, ctx)
  const repo = program.command('source').alias('repo').description(`skill sources: ${kindHelp.sources}`)

  repo
    .command('add')
    .description('add a source (fetched by `repo sync`)')
    .argument('<name>')
    .argument('<url>', `${kindHelp.given} (or what --type takes)`)
    .option('--type <type>', `one of ${repoTypes.join(', ')} (default: guessed from the URL)`)
    .option('--ref <ref>', `branch, tag or commit (for ${kindHelp.ref} sources)`)
    .option('--auto-sync <minutes>', 'sync on this interval while SkillDock runs')
    .option('--pick', 'sync only lists what the source offers; install chosen skills with `source install`')
    .option('--allow-local', `allow private and loopback addresses (for ${kindHelp.remote} sources)`)
    .option(
      '--token-stdin',
      `read the source's bearer token from stdin, kept in the keychain (for ${kindHelp.token} sources)`,
    )
    .action(
      async (
        name: string,
        url: string,
        opts: {
          type?: string
          ref?: string
          autoSync?: string
          pick?: boolean
          allowLocal?: boolean
          tokenStdin?: boolean
        },
      ) => {
        if (opts.type !== undefined && !isOneOf(repoTypes, opts.type)) {
          throw new CommandError({
            code: 'INVALID_INPUT',
            message: `--type must be one of ${repoTypes.join(', ')}.`,
          })
        }
        const autoSync = opts.autoSync === undefined ? undefined : Number(opts.autoSync)
        if (autoSync !== undefined && !Number.isInteger(autoSync)) {
          throw new CommandError({
            code: 'INVALID_INPUT',
            message: '--auto-sync takes a whole number of minutes.',
          })
        }
        const info = await ctx.call('repos.add', {
          name,
          url,
          type: opts.type,
          ref: opts.ref,
          autoSyncMinutes: autoSync,
          allowLocal: opts.allowLocal,
          pick: opts.pick,
        })
        if (opts.tokenStdin) {
          const token = await readToken(ctx)
          try {
            await ctx.call('repos.setToken', { name: info.name, token })
          } catch (err) {
            // A source whose token could not be kept is not left half set up.
            await ctx.call('repos.remove', { name: info.name })
            throw err
          }
        }
        ctx.output(
          info,
          () =>
            `Added ${info.type} source ${info.name}: ${info.url}. Run \`skilldock source sync ${info.name}\`` +
            (info.pick ? `, then \`skilldock source browse ${info.name}\` and \`source install\`.` : '.'),
        )
      },
    )

  repo
    .command('token')
    .description(
      `set the bearer token of a source (for ${kindHelp.token} sources; read from stdin, kept in the keychain)`,
    )
    .argument('<name>')
    .option('--delete', 'forget the token')
    .action(async (name: string, opts: { delete?: boolean }) => {
      const token = opts.delete ? null : await readToken(ctx)
      const result = await ctx.call('repos.setToken', { name, token })
      ctx.output(result, () =>
        result.stored ? `Stored the token of ${name} in the keychain.` : `Forgot the token of ${name}.`,
      )
    })

  repo
    .command('list')
    .description('list sources with their last sync')
    .action(async () => {
      const list = await ctx.call('repos.list', {})
      ctx.output(list, () =>
        list.length === 0
          ? 'No sources.'
          : table([
              ['NAME', 'TYPE', 'URL', 'REF', 'LAST SYNC', 'STATUS'],
              ...list.map((r) => [
                r.name,
                r.type,
                r.url,
                r.ref ?? '-',
                r.lastSyncAt ?? 'never',
                r.lastError ?? r.lastStatus ?? '-',
              ]),
            ]),
      )
    })

  repo
    .command('sync')
    .description('fetch a source (or --all) and install new skills; changed ones become available updates')
    .argument('[name]')
    .option('--all', 'every source')
    .action(async (name: string | undefined, opts: { all?: boolean }) => {
      if (!name && !opts.all)
        throw new CommandError({ code: 'INVALID_INPUT', message: 'Name a source, or pass --all.' })
      const reports = await ctx.call('repos.sync', { name, all: opts.all })
      const installed = reports.flatMap((r) => r.items.filter((i) => i.status === 'installed'))
      const held = ctx.json ? new Map<string, string>() : await pendingRequestIds(ctx, installed)
      ctx.output(reports, () => formatSync(reports, held))
    })

  repo
    .command('browse')
    .description(
      'the skills a source offered at its last sync: new, installed, update available, invalid, skipped',
    )
    .argument('<name>')
    .action(async (name: string) => {
      const skills = await ctx.call('repos.browse', { name })
      ctx.output(skills, () =>
        skills.length === 0
          ? 'No skills (sync the source first).'
          : table([
              ['NAME', 'OFFER', 'PATH', 'DESCRIPTION / REASON'],
              ...skills.map((s) => [
                s.name,
                s.offer,
                s.path,
                s.offer === 'invalid' || s.offer === 'skipped' ? (s.reason ?? '') : s.description,
              ]),
            ]),
      )
    })

  repo
    .command('install')
    .description('install skills a source offered at its last sync (scan + governance), by name or --all')
    .argument('<name>')
    .argument('[skills...]')
    .option('--all', 'every new skill the source offers')
    .action(async (name: string, skills: string[], opts: { all?: boolean }) => {
      if ((opts.all === true) === skills.length > 0)
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: 'Name the skills to install, or pass --all.',
        })
      const result = await ctx.call('repos.install', {
        name,
        skills: skills.length > 0 ? skills : undefined,
        all: opts.all,
      })
      ctx.output(result, () =>
        [
          result.installed.length === 0 ? `Installed nothing from ${name}.` : `Installed from ${name}:`,
          ...result.installed.map((a) => `  ${a.name} (${a.state}${a.risk ? `, risk ${a.risk}` : ''})`),
          ...result.skipped.map((s) => `  skipped ${s.name}: ${s.reason}`),
        ].join('\n'),
      )
      if (result.installed.length === 0 && result.skipped.length > 0) throw new ExitCode(1)
    })

  repo
    .command('remove')
    .description('forget a source; its installed skills stay (orphaned)')
    .argument('<name>')
    .action(async (name: string) => {
      const result = await ctx.call('repos.remove', { name })
      ctx.output(result, () => `Removed source ${name}.`)
    })

  program
    .command('update')
    .description('apply available updates from sources (they go through governance again)')
    .argument('[skill]')
    .option('--all', 'every skill with an update available')
    .option('--force', 'replace a skill even when it was edited locally')
    .action(async (skill: string | undefined, opts: { all?: boolean; force?: boolean }) => {
      if (!skill && !opts.all)
        throw new CommandError({ code: 'INVALID_INPUT', message: 'Name a skill, or pass --all.' })
      const results = await ctx.call('skills.update', { name: skill, all: opts.all, force: opts.force })
      const applied = results.filter((r) => r.applied)
      const held = ctx.json ? new Map<string, string>() : await pendingRequestIds(ctx, applied)
      ctx.output(results, () =>
        results.length === 0
          ? 'No updates available.'
          : results
              .map((r) =>
                !r.applied
                  ? `Not updated ${r.name}: ${r.message}`
                  : isHeld(r.state)
                    ? `Updated ${r.name} (${r.state}): ${heldNote(r.name, r.state, held)}`
                    : `Updated ${r.name} (${r.state})`,
              )
              .join('\n'),
      )
      if (results.some((r) => !r.applied)) throw new ExitCode(1)
    })

  program
    .command('export')
    .description(
      "copy active skills into an agent's skills folder (~/.claude/skills, ~/.codex/skills, .cursor/skills, ~/.agents/skills)",
    )
    .requiredOption('--target <agent>', exportTargets.join(', '))
    .option('--dir <dir>', 'the skills folder to write instead of the agent default')
    .argument('[skills...]')
    .action(async (names: string[], opts: { target: string; dir?: string }) => {
      if (!isOneOf(exportTargets, opts.target)) {
        throw new CommandError({
          code: 'INVALID_INPUT',
          message: `--target must be one of ${exportTargets.join(', ')}.`,
        })
      }
      const result = await ctx.call('skills.export', {
        target: opts.target,
        dir: opts.dir,
        names: names.length > 0 ? names : undefined,
      })
      ctx.output(result, () =>
        [
          `Exported to ${result.dir}: ${result.written.length} written, ${result.unchanged.length} unchanged, ${result.removed.length} removed`,
          ...result.skipped.map((s) => `  skipped ${s.name}: ${s.reason}`),
          ...(result.warnings ?? []).map((w) => `  warning: ${w.name}: ${w.reason}`),
        ].join('\n'),
      )
    })
}
