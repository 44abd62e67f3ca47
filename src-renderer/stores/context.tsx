import { createContext, useContext, type ReactNode } from 'react'
import { useStore, type StoreApi } from 'zustand'
import type { ApiClient } from '../api/client'
import { createApprovalsStore } from './approvals'
import { createEditorStore } from './editor'
import { createGeneratorStore } from './generator'
import { createRuntimeStore } from './runtime'
import { createSessionStore } from './session'
import { createSettingsStore } from './settings'
import { createSkillsStore } from './skills'
import { createSourcesStore } from './sources'
import { createActivityStore } from './activity'
import { createMetricsStore } from './metrics'
import { createEndpointStore } from './endpoint'
import { createCredentialsStore } from './credentials'
import { createSystemStore } from './system'
import { createGapsStore } from './gaps'
import { createNotificationsStore } from './notifications'
import { createPoliciesStore } from './policies'
import { createBudgetStore } from './budget'
import { createAutomationStore } from './automation'
import { createSkillFilesStore } from './skillFiles'
import { createGovernanceSwitchesStore } from './governanceSwitches'
import { createTeamStore } from '../features/team/teamStore'
import { createSkillLifecycleStore } from './skillLifecycle'
import { createDraftRunStore } from './draftRun'

/**
 * Every domain store of the renderer, by key; new screens add theirs here. Creation,
 * disposal and the `useAppStore(key, selector)` hook all come from this one record, so a
 * store cannot be created without being disposed or reachable.
 */
const storeFactories = {
  session: createSessionStore,
  skills: createSkillsStore,
  approvals: createApprovalsStore,
  runtime: createRuntimeStore,
  sources: createSourcesStore,
  generator: createGeneratorStore,
  settings: createSettingsStore,
  editor: createEditorStore,
  activity: createActivityStore,
  metrics: createMetricsStore,
  endpoint: createEndpointStore,
  credentials: createCredentialsStore,
  system: createSystemStore,
  gaps: createGapsStore,
  notifications: createNotificationsStore,
  policies: createPoliciesStore,
  budget: createBudgetStore,
  automation: createAutomationStore,
  skillFiles: createSkillFilesStore,
  governanceSwitches: createGovernanceSwitchesStore,
  team: createTeamStore,
  skillLifecycle: createSkillLifecycleStore,
  draftRun: createDraftRunStore,
} satisfies Record<string, (api: ApiClient) => StoreApi<object>>

type StoreFactories = typeof storeFactories
export type StoreKey = keyof StoreFactories
export type AppStores = { [K in StoreKey]: ReturnType<StoreFactories[K]> }
/** The state a store key holds, e.g. `StoreState<'skills'>` is `SkillsState`. */
export type StoreState<K extends StoreKey> = ReturnType<AppStores[K]['getState']>

export function createAppStores(api: ApiClient): AppStores {
  const entries = Object.entries(storeFactories).map(([key, create]) => [key, create(api)])
  return Object.fromEntries(entries) as AppStores
}

/** Stops every store's event subscriptions; stores without any have no `dispose`. */
export function disposeAppStores(stores: AppStores): void {
  for (const store of Object.values(stores)) {
    const state: object = store.getState()
    if ('dispose' in state && typeof state.dispose === 'function') state.dispose()
  }
}

const StoresContext = createContext<AppStores | null>(null)

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
}

/** Every store, for app-wide wiring (toasts, the command palette) that reads state when it runs. */
export function useAppStores(): AppStores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('StoresProvider is missing above this component.')
  return stores
}

/** The selected slice of one store; re-renders when the slice changes. */
export function useAppStore<K extends StoreKey, T>(key: K, selector: (state: StoreState<K>) => T): T {
  return useStore(useAppStores()[key] as StoreApi<StoreState<K>>, selector)
}

/** One store itself, for event handlers that read state at the moment they run. */
export function useStoreApi<K extends StoreKey>(key: K): AppStores[K] {
  return useAppStores()[key]
}
