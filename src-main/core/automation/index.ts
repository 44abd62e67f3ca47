import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'
import type { ToolInfo, ValidationReport } from '../../contract/models'
import type { Clock } from '../base/clock'
import type { Disposable } from '../base/disposable'
import type { CoreEvents } from '../events'
import type { Logger } from '../base/logger'
import type { Handlers } from '../dispatch'
import type { CallPipeline } from '../policy/callPipeline'
import type { SecretStore } from '../secrets/secretStore'
import type { AuditRepository } from '../storage/auditRepository'
import { AutomationRepository } from '../storage/automationRepository'
import type { Db } from '../storage/database'
import type { SkillRepository } from '../storage/skillRepository'
import { notFound } from '../skills/catalog'
import type { ApprovalInbox } from '../trust/approvalInbox'
import { createComposite, requireTool } from './composer'
import type { CompositeRunner } from './compositeRunner'
import { JobQueue } from './jobQueue'
import { type AutomationTimer, AutomationWorker, intervalTimer, runDueOnce } from './worker'
import { type WebhookReceiver, WebhookService } from './webhooks'

export { CompositeRunner } from './compositeRunner'
export { type AutomationTimer, intervalTimer } from './worker'
export {
  signWebhook,
  type WebhookReceiver,
  type WebhookResponse,
  SIGNATURE_HEADER,
  MAX_WEBHOOK_BODY_BYTES,
} from './webhooks'

type AutomationRouteName =
  | 'compose.list'
  | 'compose.create'
  | 'compose.run'
  | 'schedules.add'
  | 'schedules.list'
  | 'schedules.remove'
  | 'jobs.enqueue'
  | 'jobs.list'
  | 'webhooks.add'
  | 'webhooks.list'
  | 'webhooks.remove'
  | 'worker.runDue'

export interface AutomationDeps {
  db: Db
  home: string
  drafts: string
  repo: SkillRepository
  audit: AuditRepository
  calls: CallPipeline
  composites: CompositeRunner
  secrets: SecretStore
  inbox: Pick<ApprovalInbox, 'request'>
  tools: (skill: string, refresh: boolean) => Promise<ToolInfo[]>
  reindex: () => Promise<unknown>
  validate: (dir: string) => ValidationReport
  clock: Clock
  logger: Logger
  /** Where `jobs.changed` goes (the UI refreshes its job list). */
  events?: CoreEvents
  /** Run due schedules and jobs (serve and desktop modes only). */
  worker: boolean
  timer?: AutomationTimer
}

/** Compositions, schedules, the job queue and webhooks as the core wires them. */
export function createAutomationModule(
  deps: AutomationDeps,
): Disposable & { handlers: Pick<Handlers, AutomationRouteName>; webhooks: WebhookReceiver } {
  const store = new AutomationRepository(deps.db)
  const requireSkill = (name: string) => {
    if (deps.repo.idOf(name) === null) throw notFound(name)
  }
  const queue = new JobQueue({
    store,
    audit: deps.audit,
    calls: deps.calls,
    clock: deps.clock,
    logger: deps.logger,
    requireSkill,
    // One id per core: the app and `skilldock serve` on one data home claim jobs as different workers.
    workerId: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    changed: (job) => deps.events?.emit('jobs.changed', { id: job.id, state: job.state }),
  })
  const webhooks = new WebhookService({
    store,
    secrets: deps.secrets,
    calls: deps.calls,
    audit: deps.audit,
    clock: deps.clock,
    home: deps.home,
    requireSkill,
  })
  const worker = deps.worker
    ? new AutomationWorker({
        queue,
        timer: deps.timer ?? intervalTimer,
        logger: deps.logger,
      })
    : null
  const handlers: Pick<Handlers, AutomationRouteName> = {
    'compose.list': () =>
      deps.repo.listSummaries().flatMap((s) => {
        const plan = deps.composites.plan(s.name)
        return plan ? [{ name: s.name, state: s.state, description: s.description, plan }] : []
      }),
    'compose.create': (input) => createComposite(deps, input),
    'compose.run': ({ name, arguments: args, ...options }) =>
      deps.composites.run(name, args ?? {}, { ...options, client: 'user' }),
    // A schedule, job or hook for a tool the skill does not have would only ever fail: refused up front.
    'schedules.add': async (input) => {
      await requireTool(deps, input.skill, input.tool, 'scheduled')
      return queue.addSchedule(input)
    },
    'schedules.list': () => store.schedules(),
    'schedules.remove': ({ id }) => queue.removeSchedule(id),
    'jobs.enqueue': async (input) => {
      await requireTool(deps, input.skill, input.tool, 'queued')
      return queue.enqueue(input)
    },
    'jobs.list': ({ state, limit }) => queue.list(state, limit),
    'webhooks.add': async (input) => {
      await requireTool(deps, input.skill, input.tool, 'called by a webhook')
      return webhooks.add(input)
    },
    'webhooks.list': () => webhooks.list(),
    'webhooks.remove': ({ id }) => webhooks.remove(id),
    'worker.runDue': () => runDueOnce(queue),
  }
  return { handlers, webhooks, dispose: () => worker?.dispose() }
}
