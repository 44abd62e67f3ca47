import type { IndexStats } from '../../contract/models'
import type { Handlers } from '../dispatch'
import type { SkillRuntime } from '../runtime/skillRuntime'
import { forgetSkillCredentials } from '../secrets/skillCredentials'
import type { SecretStore } from '../secrets/secretStore'
import type { SkillRepository } from '../storage/skillRepository'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { notFound, type SkillCatalog } from './catalog'
import type { SkillLibrary } from './library'
import { validateSkillPath, validateSkillText } from './manifest'
import type { SkillFiles } from './skillFiles'
import { readSkillFile } from './skillFileAccess'

type SkillRouteName =
  | 'skills.list'
  | 'skills.get'
  | 'skills.search'
  | 'skills.validate'
  | 'skills.setEnabled'
  | 'skills.add'
  | 'skills.remove'
  | 'skills.reindex'
  | 'skills.prompt'
  | 'skills.test'
  | 'skills.readFile'

/** A library skill that no person has approved (or whose approved content changed) needs a request to run. */
function needsApproval(repo: SkillRepository, name: string): boolean {
  const record = repo.findSummary(name)
  if (!record || record.origin === 'builtin' || !record.valid) return false
  const pins = repo.pins(name)
  return (
    !pins?.approvedFingerprint ||
    pins.approvedFingerprint !== record.fingerprint ||
    record.state === 'changed'
  )
}

/** The skill catalog's routes: browse, validate, enable, add and remove skills. Actions are the user's. */
export function createSkillsModule(deps: {
  catalog: SkillCatalog
  repo: SkillRepository
  inbox: ApprovalInbox
  runtime: SkillRuntime
  library: SkillLibrary
  files: SkillFiles
  /** Where the skills' credentials live: a removed skill's go with it. */
  secrets: SecretStore
  /** Re-reads the folders and sends changed approved skills back to the inbox. */
  reindex: () => Promise<IndexStats>
}): { handlers: Pick<Handlers, SkillRouteName> } {
  const { catalog, repo, inbox, runtime, library, files } = deps
  const handlers: Pick<Handlers, SkillRouteName> = {
    'skills.list': (input) => catalog.list(input),
    'skills.get': ({ name }) => ({ ...catalog.get(name), approval: inbox.latestFor(name) }),
    'skills.search': ({ query, limit }) => catalog.search(query, limit),
    'skills.validate': (input) =>
      input.path !== undefined
        ? validateSkillPath(input.path)
        : validateSkillText(input.content ?? '', input.folderName),
    'skills.setEnabled': async ({ name, enabled }) => {
      if (enabled && needsApproval(repo, name)) {
        await inbox.request(name, 'enable', 'user', 'enabling was requested')
        return catalog.summary(name)
      }
      const summary = catalog.setEnabled(name, enabled)
      if (enabled) runtime.supervisor.reset(name)
      else await runtime.stop(name)
      return summary
    },
    'skills.add': async ({ path }) => ({ skills: await library.add(path) }),
    'skills.remove': async ({ name }) => {
      await runtime.stop(name)
      library.remove(name)
      inbox.closeForRemoved(name, 'user')
      files.forget(name)
      return { removed: name, ...(await forgetSkillCredentials(deps.secrets, name)) }
    },
    'skills.reindex': () => deps.reindex(),
    'skills.prompt': () => ({ xml: catalog.promptXml() }),
    'skills.test': ({ name }) => runtime.test(name),
    'skills.readFile': ({ name, path }) => {
      const record = repo.findSummary(name)
      if (!record) throw notFound(name)
      return { path, content: readSkillFile(record.path, path) }
    },
  }
  return { handlers }
}
