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

export function useApprovalsStore<T>(selector: (state: ApprovalsState) => T): T {
  return useStore(useStores().approvals, selector)
}

export function useRuntimeStore<T>(selector: (state: RuntimeStoreState) => T): T {
  return useStore(useStores().runtime, selector)
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
