import { z } from 'zod'
import { ApprovalKind, RiskLevel, RuntimeStatus } from './models'
import { sourceEvents } from './sources'
import { GeneratorProgress } from './generator'
import { policyEvents } from './policies'
import { automationEvents } from './automation'

/** Events the core pushes to the UI (webContents.send in desktop, SSE in serve mode). */
export const events = {
  /** Skills were added, removed, re-indexed or changed state. */
  'skills.changed': z.object({ names: z.array(z.string()) }),
  /** A skill server changed state (starting, running, backoff, disabled…). */
  'runtime.status': RuntimeStatus,
  /** A new request waits in the approval inbox (the desktop shell notifies). */
  'approvals.pending': z.object({ id: z.string(), skill: z.string(), risk: RiskLevel, kind: ApprovalKind }),
  /** A line a skill server wrote on stderr. */
  'runtime.log': z.object({ skill: z.string(), line: z.string() }),
  /** Progress of a repository sync (contract/sources.ts). */
  ...sourceEvents,
  /** A stage of a skill generation (contract/generator.ts). */
  'generator.progress': GeneratorProgress,
  /** Calls held by a requires_approval policy (contract/policies.ts). */
  ...policyEvents,
  /** The job queue changed (contract/automation.ts). */
  ...automationEvents,
  /** A line was added to the audit log (the Activity screen refreshes); never argument values. */
  'activity.appended': z.object({ action: z.string(), skill: z.string().nullable() }),
  /** A tool call finished or was stopped by a policy (metrics refresh); every trust level. */
  'calls.recorded': z.object({ skill: z.string(), tool: z.string(), outcome: z.string() }),
}

export type Events = typeof events
export type EventName = keyof Events
export type EventPayload<N extends EventName> = z.infer<Events[N]>
