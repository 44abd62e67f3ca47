import type { Handlers } from '../dispatch'
import type { CoreEvents } from '../events'
import { isoNow } from '../base/clock'
import { PolicyRepository } from '../policy/policyRepository'
import type { SandboxLimitsStore } from '../runtime/sandboxSettings'
import type { Db } from '../storage/database'
import { assertModeAllowed, assertSourceAllowed, readManagedPolicy } from './managedPolicy'
import { TeamAdmin } from './teamAdmin'
import { type TeamDeps, TeamService } from './teamService'
import { shareEntry } from './teamShare'
import { TeamStore } from './teamStore'

type TeamRouteName =
  | 'team.join'
  | 'team.status'
  | 'team.sync'
  | 'team.leave'
  | 'team.approve'
  | 'team.share'
  | 'team.publish'
  | 'team.requests'
  | 'policy.managed'

export interface TeamModuleDeps extends Pick<
  TeamDeps,
  'skills' | 'inbox' | 'lockfile' | 'env' | 'clock' | 'logger'
> {
  home: string
  db: Db
  /** Per-skill sandbox limits (a team may set its own skills'). */
  sandboxLimits: SandboxLimitsStore
  events: CoreEvents
  /** The route handlers of the rest of the core (read when a team route runs). */
  handlers: () => Handlers
}

/**
 * Team mode and the managed policy: the team routes, and `enforce`, which wraps the routes the
 * policy and team mode must see (governance changes, source adds, syncs and updates) in every face.
 */
export function createTeamModule(deps: TeamModuleDeps) {
  const policy = () => readManagedPolicy(deps.env)
  const store = new TeamStore(deps.home, deps.db)
  const team = new TeamService({
    store,
    skills: deps.skills,
    inbox: deps.inbox,
    lockfile: deps.lockfile,
    env: deps.env,
    clock: deps.clock,
    logger: deps.logger,
    policy,
    shared: {
      policies: new PolicyRepository(deps.db),
      limits: deps.sandboxLimits,
      now: () => isoNow(deps.clock),
      rolesChanged: () => deps.events.emit('skills.changed', { names: [] }),
    },
    addSource: async (input) => deps.handlers()['repos.add'](input),
    removeSource: async (name) => deps.handlers()['repos.remove']({ name }),
    syncSource: async (name) => deps.handlers()['repos.sync']({ name }),
  })
  // Every sync of a team source, whoever started it (a route, the background schedule), is followed
  // by a fresh verification of the team's signatures.
  deps.events.on('sync.progress', (progress) => {
    if (progress.phase !== 'done') return
    if (!store.list().some((t) => t.source === progress.repo)) return
    void team.afterSourceSync([progress.repo]).catch(() => undefined)
  })
  const admin = new TeamAdmin({ store, skills: deps.skills, env: deps.env, clock: deps.clock })

  const handlers: Pick<Handlers, TeamRouteName> = {
    'team.join': (input) => team.join(input),
    'team.status': () => team.status(),
    'team.sync': ({ name }) => team.sync(name),
    'team.leave': ({ name }) => team.leave(name),
    'team.approve': (input) => admin.approve(input),
    'team.share': (input) => shareEntry(store, admin, input),
    'team.publish': ({ skill, team: name }) => admin.publish(skill, name),
    'team.requests': ({ team: name }) => admin.requests(name),
    'policy.managed': () => policy(),
  }

  /** Wraps the handlers the managed policy and team mode must see; returns the wrapped map. */
  function enforce(all: Handlers): Handlers {
    const { 'governance.set': setGovernance, 'governance.get': getGovernance } = all
    const { 'repos.add': addRepo, 'repos.sync': syncRepos, 'skills.update': update } = all
    return {
      ...all,
      'governance.get': async (input) => {
        // The file wins over what the database says (the policy may have been written since start).
        applyPolicy()
        return getGovernance(input)
      },
      'governance.set': async (input) => {
        assertModeAllowed(policy(), input.mode)
        return setGovernance(input)
      },
      'repos.add': async (input) => {
        assertSourceAllowed(policy(), input.url)
        return addRepo(input)
      },
      'repos.sync': async (input) => {
        const reports = await syncRepos(input)
        // Each team source's sync queued its reconcile (the sync.progress listener): wait for them.
        await team.settled()
        return reports
      },
      'skills.update': async (input) => {
        const results = await update(input)
        await team.afterSourceSync(team.teams().map((t) => t.source))
        return results
      },
    }
  }

  /** Applies a pinned governance mode at start, before anything is judged under another. */
  function applyPolicy(): void {
    const pinned = policy().governanceMode
    if (pinned !== null && deps.inbox.governance().mode !== pinned) {
      deps.inbox.setGovernance({ mode: pinned }, 'managed-policy')
    }
  }

  /**
   * Why a skill may not run under the managed policy (personal skills off: only builtin and team
   * skills run), or null. Read at every call, so a policy change applies at once.
   */
  function blocked(row: { name: string; origin: string }): string | null {
    const current = policy()
    if (current.personalSkills || row.origin === 'builtin') return null
    const sources = new Set(store.list().map((t) => t.source))
    const entry = deps.lockfile.read().skills[row.name]
    if (entry && sources.has(entry.source)) return null
    return `${row.name} is a personal skill, and the managed policy at ${current.path} lets only team skills run on this machine.`
  }

  return { handlers, enforce, applyPolicy, blocked, service: team, admin, policy }
}
