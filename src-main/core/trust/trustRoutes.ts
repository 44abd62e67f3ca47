import { basename, resolve } from 'node:path'
import type { Handlers } from '../dispatch'
import { toSarif } from './scanner'
import { AppError } from '../base/appError'
import { effectiveLimits } from '../runtime/sandboxLimits'
import type { SandboxLimitsStore } from '../runtime/sandboxSettings'
import type { SettingsStore } from '../settings'
import type { SkillRepository } from '../storage/skillRepository'
import { notFound } from '../skills/catalog'
import type { ApprovalInbox } from './approvalInbox'
import { BulkApprover } from './bulkApproval'
import type { SkillLifecycle } from './lifecycle'

type TrustRouteName =
  | 'approvals.list'
  | 'approvals.groups'
  | 'approvals.approveMany'
  | 'approvals.get'
  | 'approvals.decide'
  | 'skills.submit'
  | 'governance.get'
  | 'scan.settings'
  | 'governance.set'
  | 'skills.scan'
  | 'skills.promote'
  | 'skills.deprecate'
  | 'skills.undeprecate'

/** The trust issue's routes. The actor is always `user`: these routes exist only for the UI and CLI. */
export function trustRoutes(deps: {
  inbox: ApprovalInbox
  lifecycle: SkillLifecycle
  repo: SkillRepository
  settings: SettingsStore
  /** Where an approval's sandbox limits are kept. */
  sandboxLimits?: SandboxLimitsStore
}): Pick<Handlers, TrustRouteName> {
  const { inbox, lifecycle, repo, settings } = deps
  return {
    'approvals.list': ({ status, source, risk, maxRisk, limit, cursor }) =>
      inbox.page({ status, source, risk, maxRisk, limit, after: cursor }),
    'approvals.groups': ({ status }) => inbox.groups(status ?? 'pending'),
    'approvals.approveMany': (input) => new BulkApprover(inbox).approve(input, 'user'),
    'approvals.get': ({ id }) => inbox.get(id),
    'approvals.decide': async (input) => {
      if (!input.approve) return inbox.reject(input.id, input.notes ?? null, 'user')
      // Checked before anything is decided: bad limits leave the request pending.
      if (input.limits) effectiveLimits(input.limits)
      const approval = await inbox.approve(
        input.id,
        {
          trust: input.trust,
          allowedClients: input.allowedClients ?? null,
          rateLimitPerMinute: input.rateLimitPerMinute ?? null,
          notes: input.notes ?? null,
          acknowledgeCritical: input.acknowledgeCritical,
        },
        'user',
      )
      // Each approval sets the limits anew: none given means the defaults.
      deps.sandboxLimits?.set(approval.skill, input.limits ?? null)
      return approval
    },
    'skills.submit': async ({ name, kind, reason }) => {
      const record = repo.findSummary(name)
      if (!record) throw notFound(name)
      if (record.origin === 'builtin')
        throw new AppError('CONFLICT', `${name} is bundled with SkillDock; it needs no approval.`)
      const chosen = kind ?? (record.origin === 'draft' ? 'generated' : 'update')
      return (await inbox.request(name, chosen, 'user', reason ?? null)).approval
    },
    'governance.get': () => inbox.governance(),
    'scan.settings': (input) => {
      const change = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined))
      return Object.keys(change).length === 0 ? settings.read().trust : settings.update('trust', change).trust
    },
    'governance.set': (change) => inbox.setGovernance(change, 'user'),
    'skills.scan': async ({ name, path, sarif }) => {
      const record = name !== undefined ? repo.findSummary(name) : null
      if (name !== undefined && !record) throw notFound(name)
      const dir = record?.path ?? resolve(path ?? '.')
      const report = await inbox.scan(dir)
      return sarif
        ? { ...report, sarif: toSarif(report, record?.name ?? basename(dir), dir) as Record<string, unknown> }
        : report
    },
    'skills.promote': ({ name, target }) => lifecycle.promote(name, 'user', target),
    'skills.deprecate': ({ name, reason, replacement }) => {
      if (replacement !== undefined && !repo.findSummary(replacement)) throw notFound(replacement)
      return lifecycle.deprecate(name, reason, replacement ?? null, 'user')
    },
    'skills.undeprecate': ({ name }) => {
      if (!repo.findSummary(name)) throw new AppError('NOT_FOUND', `No skill named "${name}".`)
      return lifecycle.undeprecate(name, 'user')
    },
  }
}
