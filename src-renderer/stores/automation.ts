import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  CompositeInfo,
  CompositeRun,
  JobInfo,
  ScheduleInfo,
  ToolInfo,
  WebhookInfo,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { changeThenReload, messageOf } from './errors'

export type AutomationApi = Pick<ApiClient, 'invoke' | 'on'>

/** A webhook just added, with the secret the core returns only this once. */
export interface NewWebhookSecret {
  id: string
  path: string
  secret: string
}

export interface AutomationState {
  schedules: ScheduleInfo[]
  jobs: JobInfo[]
  webhooks: WebhookInfo[]
  composites: CompositeInfo[]
  /** Names of the skills a tool call can reach (active or bundled, eligible here), for the pickers. */
  skills: string[]
  /** Tools per skill name, read when a picker selects the skill. */
  tools: Record<string, ToolInfo[]>
  /** The MCP endpoint URL of the desktop app/serve (webhooks live on the same server); null if unknown. */
  endpointUrl: string | null
  loaded: boolean
  /** The last failure of a load or a change, verbatim from the core. */
  error: string | null
  /** The secret of the webhook just added; null once dismissed (it is then nowhere in the renderer). */
  newSecret: NewWebhookSecret | null
  /** The plan of the last dry run. */
  dryRun: CompositeRun | null
  /** The approval a composite just created waits on. */
  createdComposite: { name: string; approvalId: string; status: string } | null
  load(): Promise<void>
  loadJobs(): Promise<void>
  loadTools(skill: string): Promise<void>
  addSchedule(input: {
    skill: string
    tool: string
    arguments: Record<string, unknown>
    every?: string
    at?: string
  }): Promise<boolean>
  removeSchedule(id: string): Promise<boolean>
  enqueueJob(input: {
    skill: string
    tool: string
    arguments: Record<string, unknown>
    key?: string
    maxAttempts?: number
  }): Promise<boolean>
  addWebhook(input: { id: string; skill: string; tool: string }): Promise<boolean>
  dismissSecret(): void
  removeWebhook(id: string): Promise<boolean>
  createComposite(input: { name: string; steps: string[]; description?: string }): Promise<boolean>
  runDry(name: string): Promise<void>
  closeDryRun(): void
  dispose(): void
}

/** Schedules, the job queue, webhooks and composite skills (the Automation screen). */
export function createAutomationStore(api: AutomationApi): StoreApi<AutomationState> {
  // Job events come in bursts (claim, finish…): only the newest answer counts.
  let jobsRequest = 0
  return createStore<AutomationState>()((set, get) => {
    const load = async (): Promise<void> => {
      try {
        const [schedules, jobs, webhooks, composites, skills] = await Promise.all([
          api.invoke('schedules.list', {}),
          api.invoke('jobs.list', {}),
          api.invoke('webhooks.list', {}),
          api.invoke('compose.list', {}),
          api.invoke('skills.list', {}),
        ])
        set({
          schedules,
          jobs,
          webhooks,
          composites,
          // Only skills a call can reach: approved (or bundled) and able to run here.
          skills: skills
            .filter((s) => (s.state === 'active' || s.state === 'builtin') && s.eligible)
            .map((s) => s.name),
          loaded: true,
          error: null,
        })
      } catch (error) {
        set({ loaded: true, error: messageOf(error) })
      }
      try {
        set({ endpointUrl: (await api.invoke('mcp.endpoint', {})).url })
      } catch {
        // Only the webhook URL example needs it; the path alone is shown then.
      }
    }
    // A job changing also changes the last outcome of the schedule that queued it.
    const loadJobs = async (): Promise<void> => {
      const request = ++jobsRequest
      try {
        const [jobs, schedules] = await Promise.all([
          api.invoke('jobs.list', {}),
          api.invoke('schedules.list', {}),
        ])
        if (request === jobsRequest) set({ jobs, schedules })
      } catch (error) {
        if (request === jobsRequest) set({ error: messageOf(error) })
      }
    }
    const change = changeThenReload(set, load)
    const offJobs = api.on('jobs.changed', () => void loadJobs())
    return {
      schedules: [],
      jobs: [],
      webhooks: [],
      composites: [],
      skills: [],
      tools: {},
      endpointUrl: null,
      loaded: false,
      error: null,
      newSecret: null,
      dryRun: null,
      createdComposite: null,
      load,
      loadJobs,
      async loadTools(skill) {
        if (get().tools[skill]) return
        try {
          // Tools are cached from the server's last handshake; a skill never started asks its server.
          let tools = await api.invoke('runtime.tools', { name: skill })
          if (tools.length === 0) tools = await api.invoke('runtime.tools', { name: skill, refresh: true })
          set({ tools: { ...get().tools, [skill]: tools } })
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },
      addSchedule: (input) => change(() => api.invoke('schedules.add', input)),
      removeSchedule: (id) => change(() => api.invoke('schedules.remove', { id })),
      enqueueJob: (input) => change(() => api.invoke('jobs.enqueue', input)),
      addWebhook: (input) =>
        change(async () => {
          const hook = await api.invoke('webhooks.add', input)
          set({ newSecret: { id: hook.id, path: hook.path, secret: hook.secret } })
        }),
      dismissSecret: () => set({ newSecret: null }),
      removeWebhook: (id) =>
        change(async () => {
          await api.invoke('webhooks.remove', { id })
          if (get().newSecret?.id === id) set({ newSecret: null })
        }),
      createComposite: (input) =>
        change(async () => {
          const made = await api.invoke('compose.create', input)
          set({
            createdComposite: { name: made.name, approvalId: made.approval.id, status: made.approval.status },
          })
        }),
      async runDry(name) {
        try {
          const dryRun = await api.invoke('compose.run', { name, dryRun: true })
          set({ dryRun, error: null })
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },
      closeDryRun: () => set({ dryRun: null }),
      dispose: () => {
        offJobs()
        set({ newSecret: null })
      },
    }
  })
}
