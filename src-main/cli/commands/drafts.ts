import type { Command } from 'commander'
import { type CliContext, ExitCode } from '../context'
import { heldNote } from './heldNote'

/** new, submit: skill drafts made by hand (the editor's routes, contract/files.ts). */
export function registerDraftCommands(program: Command, ctx: CliContext): void {
  program
    .command('new')
    .description('scaffold a new skill draft (SKILL.md + skill.py from the kit template) in drafts/')
    .argument('<name>', 'lowercase letters, digits and "-"')
    .option('--description <text>', 'what the skill does and when to use it')
    .option('--no-server', 'SKILL.md only, without a skill.py tool server')
    .action(async (name: string, opts: { description?: string; server: boolean }) => {
      const workspace = await ctx.call('files.create', {
        name,
        withServer: opts.server,
        ...(opts.description !== undefined ? { description: opts.description } : {}),
      })
      ctx.output(workspace, () =>
        [
          `Created the draft ${name} in ${workspace.dir} (${workspace.files.map((f) => f.path).join(', ')}).`,
          `Edit it, check it with \`skilldock validate ${workspace.dir}\`, then send it for approval with \`skilldock submit ${name}\`.`,
        ].join('\n'),
      )
    })

  program
    .command('submit')
    .description("send a skill's saved draft to the approval inbox")
    .argument('<skill>')
    .option('--reason <text>', 'why, for the reviewer')
    .action(async (name: string, opts: { reason?: string }) => {
      const approval = await ctx.call('files.submit', {
        name,
        ...(opts.reason !== undefined ? { reason: opts.reason } : {}),
      })
      // Governance may decide at once: `locked` refuses drafts (request recorded, already rejected).
      const refused = approval.status === 'rejected'
      ctx.output(approval, () =>
        approval.status === 'pending'
          ? `Sent ${name} for approval: request ${approval.id} is pending.\n` +
            heldNote(name, approval.kind === 'update' ? 'changed' : 'pending', new Map([[name, approval.id]]))
          : refused
            ? `Not sent for approval: ${approval.notes ?? 'governance refused it'} ` +
              `(request ${approval.id} was rejected at once by ${approval.decidedBy ?? 'governance'}). ` +
              `The draft is kept; submit it again after \`skilldock governance semi_auto\`.`
            : `Sent ${name} for approval: request ${approval.id} is ${approval.status}.`,
      )
      if (refused) throw new ExitCode(1)
    })
}
