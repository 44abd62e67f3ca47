import { createStore, type StoreApi } from 'zustand/vanilla'
import type { RouteInput, SkillDetail, SkillState, SkillSummary } from '../../src-main/contract'
import type { ApiClient } from '../api/client'

/** The browser's state filter: every skill, or those in one lifecycle state. */
export type StateFilter = 'all' | SkillState

/** The part of the api client the skills store needs; tests pass a fake. */
export type SkillsApi = Pick<ApiClient, 'invoke' | 'on'>

export interface SkillsState {
  skills: SkillSummary[]
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
  togglePending: boolean
  toggleError: string | null

  setQuery(query: string): void
  /** Clears the query and refreshes at once (Esc). */
  clearQuery(): void
  setFilter(filter: StateFilter): void
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
        const skills = await api.invoke('skills.list', input)
        if (request !== listRequest) return
        const { cursor } = get()
        set({
          skills,
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

    const loadDetail = async (name: string): Promise<void> => {
      const request = ++detailRequest
      set({ detailLoading: true })
      try {
        const detail = await api.invoke('skills.get', { name })
        if (request !== detailRequest) return
        set({ detail, detailLoading: false, detailError: null })
      } catch (error) {
        if (request !== detailRequest) return
        set({ detail: null, detailLoading: false, detailError: messageOf(error) })
      }
    }

    const unsubscribe = api.on('skills.changed', ({ names }) => {
      void refresh()
      const { selectedName } = get()
      if (selectedName && (names.length === 0 || names.includes(selectedName))) void loadDetail(selectedName)
    })

    return {
      skills: [],
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

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
