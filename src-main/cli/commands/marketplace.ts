import type { Command } from 'commander'
import type { CatalogEntry } from '../../contract/sources'
import type { CliContext } from '../context'
import { table } from '../format'

interface CatalogOpts {
  catalog?: string
  allowLocal?: boolean
}

const catalogOptions = (cmd: Command, what: string): Command =>
  cmd
    .option('--catalog <file|url>', `${what} (read and remembered; default: the last catalog browsed)`)
    .option(
      '--allow-local',
      'allow private and loopback addresses for the catalog URL and http or git sources',
    )

function formatEntry(e: CatalogEntry & { catalog: string }): string {
  return [
    `${e.id}  ${e.name}`,
    e.description ? `  ${e.description}` : null,
    `  tags:     ${e.tags.join(', ') || '-'}`,
    `  source:   ${e.source}${e.ref ? ` @ ${e.ref}` : ''}`,
    e.homepage ? `  homepage: ${e.homepage}` : null,
    `  catalog:  ${e.catalog}`,
    `Install with \`skilldock marketplace install ${e.id}\`.`,
  ]
    .filter((l) => l !== null)
    .join('\n')
}

/** marketplace browse/show/install: skills listed in a catalog JSON file or URL. */
export function registerMarketplaceCommands(program: Command, ctx: CliContext): void {
  const marketplace = program
    .command('marketplace')
    .description('browse and install skills listed in a marketplace catalog (JSON file or URL)')

  catalogOptions(
    marketplace.command('browse').description('list the skills of a catalog'),
    'the catalog to read',
  )
    .option('--tag <tag>', 'only skills with this tag')
    .action(async (opts: CatalogOpts & { tag?: string }) => {
      const view = await ctx.call('marketplace.browse', {
        catalog: opts.catalog,
        tag: opts.tag,
        allowLocal: opts.allowLocal,
      })
      ctx.output(view, () =>
        [
          `${view.name} (${view.origin}, read ${view.fetchedAt})`,
          view.skills.length === 0
            ? opts.tag
              ? `No skills tagged "${opts.tag}".`
              : 'The catalog lists no skills.'
            : table(
                [
                  ['ID', 'NAME', 'TAGS', 'DESCRIPTION'],
                  ...view.skills.map((s) => [s.id, s.name, s.tags.join(',') || '-', s.description]),
                ],
                ctx.io.columns,
              ) +
              '\nDetails with `skilldock marketplace show <id>`; install with `skilldock marketplace install <id>`.',
        ].join('\n'),
      )
    })

  catalogOptions(
    marketplace.command('show').description('show one catalog entry').argument('<id>'),
    'the catalog to read',
  ).action(async (id: string, opts: CatalogOpts) => {
    const entry = await ctx.call('marketplace.show', {
      id,
      catalog: opts.catalog,
      allowLocal: opts.allowLocal,
    })
    ctx.output(entry, () => formatEntry(entry))
  })

  catalogOptions(
    marketplace
      .command('install')
      .description("install a catalog entry's skills (scan + governance, recorded in the lockfile)")
      .argument('<id>'),
    'the catalog to read',
  ).action(async (id: string, opts: CatalogOpts) => {
    const result = await ctx.call('marketplace.install', {
      id,
      catalog: opts.catalog,
      allowLocal: opts.allowLocal,
    })
    ctx.output(result, () =>
      result.skills.length === 0
        ? `${id} offered no skills.`
        : result.skills
            .map((s) => `Added ${s.name} (${s.state}${s.risk ? `, risk ${s.risk}` : ''})`)
            .join('\n'),
    )
  })
}
