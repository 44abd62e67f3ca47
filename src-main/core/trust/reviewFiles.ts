import { existsSync } from 'node:fs'
import type { Handlers } from '../dispatch'
import { AppError } from '../base/appError'
import { notFound } from '../skills/catalog'
import { scanSkillFolder } from '../skills/fingerprint'
import { readSkillFile } from '../skills/skillFileAccess'
import type { SkillRepository } from '../storage/skillRepository'
import type { ApprovalInbox } from './approvalInbox'
import type { StagedUpdates } from './stagedUpdates'

/**
 * The files a reviewer reads before deciding a request. A pending staged proposal (optimize) is
 * not in the library until approved, so its own folder is what approving would install: the
 * review reads that, not the approved copy that keeps serving. Every read goes through
 * `readSkillFile`, which keeps paths (and links) inside the folder.
 */
export function reviewFileRoutes(deps: {
  inbox: Pick<ApprovalInbox, 'get'>
  repo: Pick<SkillRepository, 'findSummary'>
  staged: Pick<StagedUpdates, 'holds' | 'dir'>
}): Pick<Handlers, 'approvals.files' | 'approvals.readFile'> {
  const folderOf = (id: string): string => {
    const approval = deps.inbox.get(id)
    if (deps.staged.holds(approval) && approval.status === 'pending') {
      const dir = deps.staged.dir(approval.skill)
      if (!existsSync(dir)) {
        throw new AppError(
          'CONFLICT',
          `The proposed files of ${approval.skill} are gone; reject this request and propose again.`,
        )
      }
      return dir
    }
    const record = deps.repo.findSummary(approval.skill)
    if (!record) throw notFound(approval.skill)
    return record.path
  }
  return {
    'approvals.files': ({ id }) =>
      scanSkillFolder(folderOf(id)).files.map((file) => ({ path: file.path, size: file.size })),
    'approvals.readFile': ({ id, path }) => ({ path, content: readSkillFile(folderOf(id), path) }),
  }
}
