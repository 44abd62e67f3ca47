import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  AddedSkill,
  AdoptableSkill,
  CatalogView,
  EventPayload,
  ExportTarget,
  RepoInfo,
  RouteInput,
  RouteOutput,
  SourceSkill,
  SyncReport,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type SyncPhase = EventPayload<'sync.progress'>['phase']

/** A sync as the Sources screen shows it: the last phase reported and its message. */
export interface SyncState {
  phase: SyncPhase | 'starting'
  message: string | null
  /** Skills checked or installed so far while reconciling, of `total`. */
  current?: number
  total?: number
  report: SyncReport | null
  error: string | null
}

/** The skills a source offered at its last sync. */
export interface BrowsedSource {
  repo: string
  skills: SourceSkill[] | null
  error: string | null
}

export type SourcesApi = Pick<ApiClient, 'invoke' | 'on'>

/** An installed skill whose source has a newer version. */
export type SkillUpdate = RouteOutput<'skills.updates'>[number]

/** Base64 of bytes, in chunks (a large spread into String.fromCharCode overflows the stack). */
export function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  }
  return btoa(binary)
}

export interface SourcesState {
  repos: RepoInfo[]
  loaded: boolean
  error: string | null
  /** Skills each source offered at its last sync, by source name (absent until browsed). */
  skillCounts: Record<string, number>
  syncs: Record<string, SyncState>
  browsed: BrowsedSource | null
  adding: boolean
  addError: string | null
  updating: string | null
  updateMessage: string | null
  /** Updates waiting across all sources. */
  updates: SkillUpdate[]
  importing: boolean
  importError: string | null
  /** What the last upload or paste installed (shown until the dialog closes). */
  imported: AddedSkill[] | null
  exporting: boolean
  exportError: string | null
  exported: RouteOutput<'skills.export'> | null

  refresh(): Promise<void>
  /** Adds a source; resolves true when the core accepted it. */
  add(input: RouteInput<'repos.add'>): Promise<boolean>
  sync(name: string): Promise<void>
  cancel(name: string): Promise<void>
  remove(name: string): Promise<void>
  browse(name: string | null): Promise<void>
  /** Applies the available update of one skill of the browsed source. */
  update(skill: string): Promise<void>
  /** Applies every waiting update that is not a conflict with local edits. */
  updateAll(): Promise<void>
  /** Installs chosen skills the browsed source offered (scan + governance); the outcome is in updateMessage. */
  install(name: string, skills: string[]): Promise<void>
  loadUpdates(): Promise<void>
  /** Installs the skills of an uploaded archive; resolves true on success. */
  importArchive(fileName: string, bytes: Uint8Array): Promise<boolean>
  /** Installs pasted SKILL.md text as a skill; resolves true on success. */
  importText(content: string): Promise<boolean>
  clearImport(): void
  /** Forgets the add/import error: it described input that has since changed. */
  clearErrors(): void
  exportTo(target: ExportTarget, dir?: string): Promise<void>
  clearExport(): void
  /** Skills in an agent's skills folder that SkillDock did not put there (throws the core's error). */
  listAdoptable(target: ExportTarget, dir?: string): Promise<AdoptableSkill[]>
  /** Imports the named skills of an agent's folder through governance (throws the core's error). */
  adopt(target: ExportTarget, names: string[], dir?: string): Promise<RouteOutput<'skills.adopt'>>
  /** Stores (or with null deletes) an MCP source's bearer token in the keychain; it is never read back. */
  setToken(name: string, token: string | null): Promise<RouteOutput<'repos.setToken'>>
  /** Reads a marketplace catalog (throws the core's error). */
  browseCatalog(input: RouteInput<'marketplace.browse'>): Promise<CatalogView>
  /** Installs one catalog entry once, through governance (throws the core's error). */
  installFromCatalog(input: RouteInput<'marketplace.install'>): Promise<RouteOutput<'marketplace.install'>>
  dispose(): void
}

/** How far along a sync is, 0–100, from its phase (and, while reconciling, skills done of total). */
export function syncPercent(phase: SyncState['phase'], current?: number, total?: number): number {
  if (phase === 'reconciling' && current !== undefined && total !== undefined && total > 0)
    return Math.round(40 + (55 * Math.min(current, total)) / total)
  switch (phase) {
    case 'starting':
      return 5
    case 'fetching':
      return 35
    case 'reconciling':
      return 70
    default:
      return 100
  }
}

/** Skill sources: the repositories table, their syncs live from `sync.progress`, and browsing. */
export function createSourcesStore(api: SourcesApi): StoreApi<SourcesState> {
  let listRequest = 0
  const unsubscribers: Array<() => void> = []

  return createStore<SourcesState>()((set, get) => {
    const setSync = (name: string, change: Partial<SyncState>): void => {
      const current = get().syncs[name] ?? { phase: 'starting', message: null, report: null, error: null }
      set({ syncs: { ...get().syncs, [name]: { ...current, ...change } } })
    }

    const loadCount = async (name: string): Promise<SourceSkill[] | null> => {
      try {
        const skills = await api.invoke('repos.browse', { name })
        set({ skillCounts: { ...get().skillCounts, [name]: skills.length } })
        return skills
      } catch {
        return null
      }
    }

    const loadUpdates = async (): Promise<void> => {
      try {
        set({ updates: await api.invoke('skills.updates', {}) })
      } catch {
        // Updates are extra information on this screen; the repo list shows real failures.
      }
    }

    const importing = async (run: () => Promise<{ skills: AddedSkill[] }>): Promise<boolean> => {
      set({ importing: true, importError: null, imported: null })
      try {
        const { skills } = await run()
        set({ importing: false, imported: skills })
        return true
      } catch (error) {
        set({ importing: false, importError: messageOf(error) })
        return false
      }
    }

    const refresh = async (): Promise<void> => {
      void loadUpdates()
      const request = ++listRequest
      try {
        const repos = await api.invoke('repos.list', {})
        if (request !== listRequest) return
        set({ repos, loaded: true, error: null })
        await Promise.all(repos.filter((repo) => repo.lastSyncAt).map((repo) => loadCount(repo.name)))
      } catch (error) {
        if (request !== listRequest) return
        set({ loaded: true, error: messageOf(error) })
      }
    }

    unsubscribers.push(
      api.on('sync.progress', ({ repo, phase, message, current, total }) => {
        setSync(repo, { phase, message, current, total })
      }),
    )

    const reloadBrowsed = async (): Promise<void> => {
      const browsed = get().browsed
      if (!browsed) return
      const skills = await loadCount(browsed.repo)
      if (get().browsed?.repo === browsed.repo && skills) set({ browsed: { ...browsed, skills } })
    }

    return {
      repos: [],
      loaded: false,
      error: null,
      skillCounts: {},
      syncs: {},
      browsed: null,
      adding: false,
      addError: null,
      updating: null,
      updateMessage: null,
      updates: [],
      importing: false,
      importError: null,
      imported: null,
      exporting: false,
      exportError: null,
      exported: null,

      refresh,
      loadUpdates,

      importArchive: (fileName, bytes) =>
        importing(() => api.invoke('skills.importArchive', { fileName, base64: toBase64(bytes) })),

      importText: (content) => importing(() => api.invoke('skills.importText', { content })),

      clearImport() {
        set({ imported: null, importError: null })
      },

      clearErrors() {
        if (get().addError !== null || get().importError !== null) set({ addError: null, importError: null })
      },

      async exportTo(target, dir) {
        set({ exporting: true, exportError: null, exported: null })
        try {
          const exported = await api.invoke('skills.export', dir ? { target, dir } : { target })
          set({ exporting: false, exported })
        } catch (error) {
          set({ exporting: false, exportError: messageOf(error) })
        }
      },

      clearExport() {
        set({ exported: null, exportError: null })
      },

      listAdoptable: (target, dir) => api.invoke('skills.adoptable', dir ? { target, dir } : { target }),

      adopt: (target, names, dir) =>
        api.invoke('skills.adopt', dir ? { target, dir, names } : { target, names }),

      async setToken(name, token) {
        const result = await api.invoke('repos.setToken', { name, token })
        await refresh()
        return result
      },

      browseCatalog: (input) => api.invoke('marketplace.browse', input),

      installFromCatalog: (input) => api.invoke('marketplace.install', input),

      async updateAll() {
        set({ updating: '*', updateMessage: null })
        try {
          const outcomes = await api.invoke('skills.update', { all: true })
          const applied = outcomes.filter((o) => o.applied).map((o) => o.name)
          const refused = outcomes.filter((o) => !o.applied)
          // An update that governance did not approve at once takes the skill out of service.
          const held = outcomes.filter((o) => o.applied && o.state === 'changed').map((o) => o.name)
          set({
            updating: null,
            updateMessage: [
              applied.length > 0 ? `Updated ${applied.join(', ')}.` : 'Nothing was updated.',
              ...(held.length > 0
                ? [
                    `${held.join(', ')} ${held.length === 1 ? 'is' : 'are'} held (not served to clients) until the update is approved in Approvals.`,
                  ]
                : []),
              ...refused.map((o) => `${o.name} was not updated: ${o.message ?? 'refused'}`),
            ].join(' '),
          })
        } catch (error) {
          set({ updating: null, updateMessage: messageOf(error) })
        }
        await loadUpdates()
        await reloadBrowsed()
      },

      async install(name, skills) {
        set({ updating: '*', updateMessage: null })
        try {
          const { installed, skipped } = await api.invoke('repos.install', { name, skills })
          set({
            updating: null,
            updateMessage: [
              installed.length > 0
                ? `Installed ${installed.map((a) => a.name).join(', ')}: they wait in the approval inbox if approval is needed.`
                : 'Nothing was installed.',
              ...skipped.map((s) => `${s.name} was not installed: ${s.reason}`),
            ].join(' '),
          })
        } catch (error) {
          set({ updating: null, updateMessage: messageOf(error) })
        }
        await reloadBrowsed()
      },

      async add(input) {
        set({ adding: true, addError: null })
        try {
          await api.invoke('repos.add', input)
          set({ adding: false })
          await refresh()
          // Every new source syncs at once, with its progress in the row: a folder's skills import
          // (a pick source's are listed to pick from) without a second click on Sync.
          void get().sync(input.name)
          return true
        } catch (error) {
          set({ adding: false, addError: messageOf(error) })
          return false
        }
      },

      async sync(name) {
        set({
          syncs: { ...get().syncs, [name]: { phase: 'starting', message: null, report: null, error: null } },
        })
        try {
          const [report] = await api.invoke('repos.sync', { name })
          const phase = get().syncs[name]?.phase
          setSync(name, {
            report: report ?? null,
            phase: phase === 'cancelled' || phase === 'failed' ? phase : 'done',
          })
        } catch (error) {
          const phase = get().syncs[name]?.phase
          setSync(name, { phase: phase === 'cancelled' ? phase : 'failed', error: messageOf(error) })
        }
        await refresh()
        await reloadBrowsed()
      },

      async cancel(name) {
        try {
          await api.invoke('repos.cancel', { name })
        } catch (error) {
          setSync(name, { error: messageOf(error) })
        }
      },

      async remove(name) {
        try {
          await api.invoke('repos.remove', { name })
          if (get().browsed?.repo === name) set({ browsed: null })
          await refresh()
        } catch (error) {
          set({ error: messageOf(error) })
        }
      },

      async browse(name) {
        if (name === null) {
          set({ browsed: null })
          return
        }
        set({ browsed: { repo: name, skills: null, error: null }, updateMessage: null })
        try {
          const skills = await api.invoke('repos.browse', { name })
          if (get().browsed?.repo !== name) return
          set({
            browsed: { repo: name, skills, error: null },
            skillCounts: { ...get().skillCounts, [name]: skills.length },
          })
        } catch (error) {
          if (get().browsed?.repo !== name) return
          set({ browsed: { repo: name, skills: null, error: messageOf(error) } })
        }
      },

      async update(skill) {
        set({ updating: skill, updateMessage: null })
        try {
          const [outcome] = await api.invoke('skills.update', { name: skill })
          set({
            updating: null,
            updateMessage: outcome
              ? outcome.applied
                ? `${skill} updated${outcome.state ? ` (${outcome.state})` : ''}.`
                : `${skill} was not updated: ${outcome.message ?? 'no update applied'}.`
              : `${skill} had no update.`,
          })
        } catch (error) {
          set({ updating: null, updateMessage: messageOf(error) })
        }
        await loadUpdates()
        await reloadBrowsed()
      },

      dispose() {
        for (const unsubscribe of unsubscribers.splice(0)) unsubscribe()
      },
    }
  })
}
