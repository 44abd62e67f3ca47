import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  Approval,
  RiskLevel,
  RouteInput,
  SkillDetail,
  SkillState,
  SkillSummary,
  TrustLevel,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

/** The browser's state filter: every skill, or those in one lifecycle state. */
export type StateFilter = 'all' | SkillState

/**
 * The browser's other filters, applied to the listed skills in the renderer ('' = any). `eligibility`:
 * `eligible` (can run here) or `gated` (a requirement is missing).
 */
export interface SkillFacets {
  source: string
  trust: '' | TrustLevel
  risk: '' | RiskLevel
  eligibility: '' | 'eligible' | 'gated'
  tag: string
}

export const noFacets: SkillFacets = { source: '', trust: '', risk: '', eligibility: '', tag: '' }

/** An installed skill whose source has a newer version (`conflict`: it was also edited here). */
export type UpdateStatus = 'update-available' | 'conflict'

/** The part of the api client the skills store needs; tests pass a fake. */
export type SkillsApi = Pick<ApiClient, 'invoke' | 'on'>

export interface SkillsState {
  /** The skills the list answer held (search and state filter applied by the core). */
  listed: SkillSummary[]
  /** `listed` narrowed by the facets: what the browser shows. */
  skills: SkillSummary[]
  facets: SkillFacets
  /** Skills with an update waiting, by name. */
  updates: Record<string, UpdateStatus>
  /** Search text as typed; the list follows it after a short debounce. */
  query: string
  /** The trimmed query the current `skills` answer was fetched with (for the empty state). */
  listedQuery: string
  filter: StateFilter
  /** False until the first list answer: the browser shows a skeleton meanwhile. */
  listLoaded: boolean
  listLoading: boolean
  listError: string | null
  /** The row under the keyboard cursor (↑/↓); Enter opens it. */
  cursor: string | null
  /** The skill whose detail is open (mirrors the `#/skills/<name>` route). */
  selectedName: string | null
  detail: SkillDetail | null
  detailLoading: boolean
  detailError: string | null
  /** Every approval request and decision for the open skill, newest first (null until loaded). */
  history: Approval[] | null
  historyError: string | null
  togglePending: boolean
  toggleError: string | null

  setQuery(query: string): void
  /** Clears the query and refreshes at once (Esc). */
  clearQuery(): void
  setFilter(filter: StateFilter): void
  setFacet<K extends keyof SkillFacets>(key: K, value: SkillFacets[K]): void
  clearFacets(): void
  refresh(): Promise<void>
  moveCursor(delta: 1 | -1): void
  setCursor(name: string | null): void
  select(name: string | null): Promise<void>
  setEnabled(enabled: boolean): Promise<void>
  /** Stops listening to core events and cancels a pending search. */
  dispose(): void
}

export interface SkillsStoreOptions {
  /** Delay between the last keystroke and the search request. */
  debounceMs?: number
}

/** The skill browser's store: list, search, filter, selection and the open skill's detail. */
export function createSkillsStore(api: SkillsApi, options: SkillsStoreOptions = {}): StoreApi<SkillsState> {
  const debounceMs = options.debounceMs ?? 150
  let searchTimer: ReturnType<typeof setTimeout> | null = null
  // Answers can arrive out of order; only the latest request of each kind may write.
  let listRequest = 0
  let detailRequest = 0

  return createStore<SkillsState>()((set, get) => {
    const cancelSearch = (): void => {
      if (searchTimer !== null) clearTimeout(searchTimer)
      searchTimer = null
    }

    const refresh = async (): Promise<void> => {
      cancelSearch()
      const request = ++listRequest
      const { query, filter } = get()
      const input: RouteInput<'skills.list'> = {}
      const trimmed = query.trim()
      if (trimmed) input.query = trimmed
      if (filter !== 'all') input.state = filter
      set({ listLoading: true })
      try {
        const [listed, updates] = await Promise.all([api.invoke('skills.list', input), loadUpdates()])
        if (request !== listRequest) return
        const { cursor, facets } = get()
        const skills = applyFacets(listed, facets)
        set({
          listed,
          skills,
          updates,
          listedQuery: trimmed,
          listLoaded: true,
          listLoading: false,
          listError: null,
          cursor: skills.some((skill) => skill.name === cursor) ? cursor : null,
        })
      } catch (error) {
        if (request !== listRequest) return
        set({ listLoaded: true, listLoading: false, listError: messageOf(error) })
      }
    }

    // Updates are a hint on the rows: the list still shows when they cannot be read.
    const loadUpdates = async (): Promise<Record<string, UpdateStatus>> => {
      try {
        const updates = await api.invoke('skills.updates', {})
        return Object.fromEntries(updates.map((update) => [update.name, update.status]))
      } catch {
        return get().updates
      }
    }

    const loadHistory = async (name: string, request: number): Promise<void> => {
      try {
        const approvals = await api.invoke('approvals.list', {})
        if (request !== detailRequest) return
        const history = approvals
          .filter((approval) => approval.skill === name)
          .sort((a, b) => (b.createdAt < a.createdAt ? -1 : b.createdAt > a.createdAt ? 1 : 0))
        set({ history, historyError: null })
      } catch (error) {
        if (request !== detailRequest) return
        set({ history: null, historyError: messageOf(error) })
      }
    }

    const loadDetail = async (name: string): Promise<void> => {
      const request = ++detailRequest
      set({ detailLoading: true })
      void loadHistory(name, request)
      try {
        const detail = await api.invoke('skills.get', { name })
        if (request !== detailRequest) return
        set({ detail, detailLoading: false, detailError: null })
      } catch (error) {
        if (request !== detailRequest) return
        set({ detail: null, detailLoading: false, detailError: messageOf(error) })
      }
    }

    const unsubscribeChanged = api.on('skills.changed', ({ names }) => {
      void refresh()
      const { selectedName } = get()
      if (selectedName && (names.length === 0 || names.includes(selectedName))) void loadDetail(selectedName)
    })
    // A sync can find updates without changing any installed skill: re-read the badges when it ends.
    const unsubscribeSync = api.on('sync.progress', ({ phase }) => {
      if (phase === 'done') void refresh()
    })
    // A server that starts reports its tools, which the core caches: re-read the open skill to show them.
    const unsubscribeRuntime = api.on('runtime.status', ({ skill, state }) => {
      if (state === 'running' && skill === get().selectedName) void loadDetail(skill)
    })
    const unsubscribe = (): void => {
      unsubscribeChanged()
      unsubscribeSync()
      unsubscribeRuntime()
    }

    return {
      listed: [],
      skills: [],
      facets: noFacets,
      updates: {},
      query: '',
      listedQuery: '',
      filter: 'all',
      listLoaded: false,
      listLoading: false,
      listError: null,
      cursor: null,
      selectedName: null,
      detail: null,
      detailLoading: false,
      detailError: null,
      history: null,
      historyError: null,
      togglePending: false,
      toggleError: null,

      setQuery(query) {
        set({ query })
        cancelSearch()
        searchTimer = setTimeout(() => void refresh(), debounceMs)
      },
      clearQuery() {
        set({ query: '' })
        void refresh()
      },
      setFilter(filter) {
        set({ filter })
        void refresh()
      },
      setFacet(key, value) {
        const facets = { ...get().facets, [key]: value }
        set({ facets, skills: applyFacets(get().listed, facets) })
      },
      clearFacets() {
        set({ facets: noFacets, skills: applyFacets(get().listed, noFacets) })
      },
      refresh,
      moveCursor(delta) {
        const { skills, cursor, selectedName } = get()
        if (skills.length === 0) return
        const current = skills.findIndex((skill) => skill.name === (cursor ?? selectedName))
        const next =
          current === -1
            ? delta > 0
              ? 0
              : skills.length - 1
            : Math.min(Math.max(current + delta, 0), skills.length - 1)
        set({ cursor: skills[next]?.name ?? null })
      },
      setCursor(cursor) {
        set({ cursor })
      },
      async select(name) {
        if (name === get().selectedName && !get().detailError) return
        const { detail } = get()
        set({
          selectedName: name,
          cursor: name ?? get().cursor,
          detail: detail && detail.name === name ? detail : null,
          detailError: null,
          history: detail && detail.name === name ? get().history : null,
          historyError: null,
          toggleError: null,
        })
        if (name) await loadDetail(name)
        else detailRequest++
      },
      async setEnabled(enabled) {
        const name = get().detail?.name
        if (!name) return
        set({ togglePending: true, toggleError: null })
        try {
          const summary = await api.invoke('skills.setEnabled', { name, enabled })
          set((state) => ({
            togglePending: false,
            detail: state.detail?.name === summary.name ? { ...state.detail, ...summary } : state.detail,
            listed: state.listed.map((skill) => (skill.name === summary.name ? summary : skill)),
            skills: state.skills.map((skill) => (skill.name === summary.name ? summary : skill)),
          }))
        } catch (error) {
          set({ togglePending: false, toggleError: messageOf(error) })
        }
      },
      dispose() {
        cancelSearch()
        unsubscribe()
      },
    }
  })
}

/** The skills that pass every facet. */
export function applyFacets(skills: SkillSummary[], facets: SkillFacets): SkillSummary[] {
  if (!facets.source && !facets.trust && !facets.risk && !facets.eligibility && !facets.tag) return skills
  return skills.filter(
    (skill) =>
      (!facets.source || skill.source === facets.source) &&
      (!facets.trust || skill.trust === facets.trust) &&
      (!facets.risk || skill.risk === facets.risk) &&
      (!facets.eligibility || skill.eligible === (facets.eligibility === 'eligible')) &&
      (!facets.tag || skill.tags.includes(facets.tag)),
  )
}
