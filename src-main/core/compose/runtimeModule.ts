import { CompositeRunner } from '../automation'
import { type LateBound, lateBound } from '../module'
import { createPoliciesModule } from '../policy'
import type { CallPipeline } from '../policy/callPipeline'
import { SkillGate } from '../policy/skillGate'
import { SkillStateWatch } from '../policy/stateWatch'
import { runtimeRoutes } from '../runtime/runtimeRoutes'
import { SkillRuntime } from '../runtime/skillRuntime'
import { validateSkillPath } from '../skills/manifest'
import { ForeignChangeProbe } from '../storage/changeProbe'
import { CrashLog } from '../storage/crashLog'
import type { ApprovalInbox } from '../trust/approvalInbox'
import type { PinGuard } from '../trust/pinGuard'
import type { Foundation } from './foundation'

export interface RuntimeModuleDeps {
  f: Foundation
  /** Checks the tools a server serves against the approval (the inbox asks the runtime for them). */
  inbox: LateBound<ApprovalInbox>
  /** Verifies a skill's files before each call; it re-checks through the inbox, which needs the runtime. */
  pinGuard: LateBound<PinGuard>
  /** Re-reads the folders and files requests for changed skills (built with the trust module). */
  reindex: LateBound<() => Promise<unknown>>
  /** Why a machine-wide rule keeps a skill from running (the team module, built last, decides). */
  blocked: LateBound<(row: { name: string; origin: string }) => string | null>
}

/**
 * Skill servers and the call pipeline every call goes through (policies, permissions, metrics), with
 * composites, whose steps call back into that pipeline.
 */
export function createRuntimeModule({ f, inbox, pinGuard, reindex, blocked }: RuntimeModuleDeps) {
  const { db, repo, audit, callLog, events, clock, logger } = f
  // A composite's steps run through the pipeline, which runs composites: built just below.
  const calls = lateBound<CallPipeline>('the call pipeline')
  const composites = new CompositeRunner({
    repo,
    audit,
    clock,
    calls: () => calls.get(),
    validate: validateSkillPath,
  })
  const runtime = new SkillRuntime({
    repo,
    audit,
    calls: callLog,
    events,
    clock,
    logger,
    secrets: f.secrets,
    sandbox: f.sandbox,
    host: f.host,
    dataHome: f.paths.home,
    resourcesDir: f.resourcesDir,
    python: f.python,
    parentEnv: f.env,
    sandboxLimits: (skill) => f.sandboxLimits.limitsOf(skill),
    supervisor: f.options.supervisor,
    checkTools: (skill, tools) => inbox.get().checkServedTools(skill, tools),
    verifyPin: (skill) => pinGuard.get().verify(skill),
    crashes: new CrashLog(db),
    composite: composites,
    contentChanged: async () => {
      await reindex.get()()
    },
    blockedBy: (skill) => blocked.get()(skill),
  })
  const stop = (skill: string) => runtime.stop(skill)
  const policies = createPoliciesModule({
    db,
    runtime,
    stop,
    audit,
    callLog,
    events,
    clock,
    blocked: (row) => blocked.get()(row),
  })
  calls.set(policies.calls)
  // Another process (the CLI) may disable, deprecate or change a skill whose process runs here.
  const probe = f.options.watch ? new ForeignChangeProbe(db) : null
  const watch = probe
    ? new SkillStateWatch({
        foreignChanged: () => probe.changed(),
        gate: new SkillGate(db),
        running: () =>
          runtime.supervisor
            .statuses()
            .filter((s) => s.state === 'running' || s.state === 'starting')
            .map((s) => s.skill),
        stop,
        logger,
      })
    : null
  return {
    handlers: { ...runtimeRoutes({ runtime, calls: policies.calls }), ...policies.handlers },
    runtime,
    calls: policies.calls,
    permissions: policies.permissions,
    composites,
    dispose: async () => {
      watch?.dispose()
      await runtime.dispose()
    },
  }
}
