import { createContext, useContext, type ReactNode } from 'react'
import { useStore, type StoreApi } from 'zustand'
import type { ApiClient } from '../api/client'
import { createApprovalsStore, type ApprovalsState } from './approvals'
import { createEditorStore, type EditorState } from './editor'
import { createGeneratorStore, type GeneratorState } from './generator'
import { createRuntimeStore, type RuntimeStoreState } from './runtime'
import { createSessionStore, type SessionState } from './session'
import { createSettingsStore, type SettingsState } from './settings'
import { createSkillsStore, type SkillsState } from './skills'
import { createSourcesStore, type SourcesState } from './sources'
import { createActivityStore, type ActivityState } from './activity'
import { createMetricsStore, type MetricsState } from './metrics'
import { createEndpointStore, type EndpointState } from './endpoint'
import { createCredentialsStore, type CredentialsState } from './credentials'
import { createSystemStore, type SystemState } from './system'
import { createGapsStore, type GapsState } from './gaps'
import { createNotificationsStore, type NotificationsState } from './notifications'
import { createPoliciesStore, type PoliciesState } from './policies'
import { createBudgetStore, type BudgetState } from './budget'
import { createAutomationStore, type AutomationState } from './automation'
import { createSkillFilesStore, type SkillFilesState } from './skillFiles'
import { createGovernanceSwitchesStore, type GovernanceSwitchesState } from './governanceSwitches'
import { createTeamStore, type TeamState } from '../features/team/teamStore'
import { createSkillLifecycleStore, type SkillLifecycleState } from './skillLifecycle'
import { createDraftRunStore, type DraftRunState } from './draftRun'

/** Every domain store of the renderer; new screens add theirs here. */
export interface AppStores {
  session: StoreApi<SessionState>
  skills: StoreApi<SkillsState>
  approvals: StoreApi<ApprovalsState>
  runtime: StoreApi<RuntimeStoreState>
  sources: StoreApi<SourcesState>
  generator: StoreApi<GeneratorState>
  settings: StoreApi<SettingsState>
  editor: StoreApi<EditorState>
  activity: StoreApi<ActivityState>
  metrics: StoreApi<MetricsState>
  endpoint: StoreApi<EndpointState>
  credentials: StoreApi<CredentialsState>
  system: StoreApi<SystemState>
  gaps: StoreApi<GapsState>
  notifications: StoreApi<NotificationsState>
  policies: StoreApi<PoliciesState>
  budget: StoreApi<BudgetState>
  automation: StoreApi<AutomationState>
  skillFiles: StoreApi<SkillFilesState>
  governanceSwitches: StoreApi<GovernanceSwitchesState>
  team: StoreApi<TeamState>
  skillLifecycle: StoreApi<SkillLifecycleState>
  draftRun: StoreApi<DraftRunState>
}

export function createAppStores(api: ApiClient): AppStores {
  return {
    session: createSessionStore(api),
    skills: createSkillsStore(api),
    approvals: createApprovalsStore(api),
    runtime: createRuntimeStore(api),
    sources: createSourcesStore(api),
    generator: createGeneratorStore(api),
    settings: createSettingsStore(api),
    editor: createEditorStore(api),
    activity: createActivityStore(api),
    metrics: createMetricsStore(api),
    endpoint: createEndpointStore(api),
    credentials: createCredentialsStore(api),
    system: createSystemStore(api),
    gaps: createGapsStore(api),
    notifications: createNotificationsStore(api),
    policies: createPoliciesStore(api),
    budget: createBudgetStore(api),
    automation: createAutomationStore(api),
    skillFiles: createSkillFilesStore(api),
    governanceSwitches: createGovernanceSwitchesStore(api),
    team: createTeamStore(api),
    skillLifecycle: createSkillLifecycleStore(api),
    draftRun: createDraftRunStore(api),
  }
}

export function disposeAppStores(stores: AppStores): void {
  stores.session.getState().dispose()
  stores.skills.getState().dispose()
  stores.approvals.getState().dispose()
  stores.runtime.getState().dispose()
  stores.sources.getState().dispose()
  stores.generator.getState().dispose()
  stores.editor.getState().dispose()
  stores.activity.getState().dispose()
  stores.metrics.getState().dispose()
  stores.gaps.getState().dispose()
  stores.notifications.getState().dispose()
  stores.policies.getState().dispose()
  stores.budget.getState().dispose()
  stores.automation.getState().dispose()
}

const StoresContext = createContext<AppStores | null>(null)

export function StoresProvider({ stores, children }: { stores: AppStores; children: ReactNode }) {
  return <StoresContext.Provider value={stores}>{children}</StoresContext.Provider>
}

function useStores(): AppStores {
  const stores = useContext(StoresContext)
  if (!stores) throw new Error('StoresProvider is missing above this component.')
  return stores
}

export function useSkillsStore<T>(selector: (state: SkillsState) => T): T {
  return useStore(useStores().skills, selector)
}

export function useSessionStore<T>(selector: (state: SessionState) => T): T {
  return useStore(useStores().session, selector)
}

export function useSkillLifecycleStore<T>(selector: (state: SkillLifecycleState) => T): T {
  return useStore(useStores().skillLifecycle, selector)
}

export function useGovernanceSwitchesStore<T>(selector: (state: GovernanceSwitchesState) => T): T {
  return useStore(useStores().governanceSwitches, selector)
}

export function useTeamStore<T>(selector: (state: TeamState) => T): T {
  return useStore(useStores().team, selector)
}

export function useApprovalsStore<T>(selector: (state: ApprovalsState) => T): T {
  return useStore(useStores().approvals, selector)
}

export function useRuntimeStore<T>(selector: (state: RuntimeStoreState) => T): T {
  return useStore(useStores().runtime, selector)
}

export function useDraftRunStore<T>(selector: (state: DraftRunState) => T): T {
  return useStore(useStores().draftRun, selector)
}

export function useSourcesStore<T>(selector: (state: SourcesState) => T): T {
  return useStore(useStores().sources, selector)
}

export function useGeneratorStore<T>(selector: (state: GeneratorState) => T): T {
  return useStore(useStores().generator, selector)
}

export function useSettingsStore<T>(selector: (state: SettingsState) => T): T {
  return useStore(useStores().settings, selector)
}

export function useEditorStore<T>(selector: (state: EditorState) => T): T {
  return useStore(useStores().editor, selector)
}

/** The skills store itself, for event handlers that read state at the moment they run. */
export function useSkillsStoreApi(): StoreApi<SkillsState> {
  return useStores().skills
}

export function useActivityStore<T>(selector: (state: ActivityState) => T): T {
  return useStore(useStores().activity, selector)
}

export function useMetricsStore<T>(selector: (state: MetricsState) => T): T {
  return useStore(useStores().metrics, selector)
}

export function useEndpointStore<T>(selector: (state: EndpointState) => T): T {
  return useStore(useStores().endpoint, selector)
}

export function useCredentialsStore<T>(selector: (state: CredentialsState) => T): T {
  return useStore(useStores().credentials, selector)
}

export function useSystemStore<T>(selector: (state: SystemState) => T): T {
  return useStore(useStores().system, selector)
}

export function useGapsStore<T>(selector: (state: GapsState) => T): T {
  return useStore(useStores().gaps, selector)
}

export function usePoliciesStore<T>(selector: (state: PoliciesState) => T): T {
  return useStore(useStores().policies, selector)
}

export function useBudgetStore<T>(selector: (state: BudgetState) => T): T {
  return useStore(useStores().budget, selector)
}

export function useSkillFilesStore<T>(selector: (state: SkillFilesState) => T): T {
  return useStore(useStores().skillFiles, selector)
}

export function useAutomationStore<T>(selector: (state: AutomationState) => T): T {
  return useStore(useStores().automation, selector)
}

/** Every store, for app-wide wiring (toasts, the command palette) that reads state when it runs. */
export function useAppStores(): AppStores {
  return useStores()
}
