import { useEffect } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { ProviderForm } from './ProviderForm'
import { ProviderKeyForm } from './ProviderKeyForm'
import { ProviderTest } from './ProviderTest'
import { CredentialsPanel } from './CredentialsPanel'
import { DoctorPanel } from './DoctorPanel'
import { EndpointPanel } from './EndpointPanel'
import { PathsPanel } from './PathsPanel'

/** Settings: the MCP endpoint and its clients, the model provider, skill credentials, paths and the doctor. */
export function SettingsPage() {
  const load = useAppStore('settings', (state) => state.load)
  const llm = useAppStore('settings', (state) => state.llm)
  const loadError = useAppStore('settings', (state) => state.loadError)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="h-full overflow-y-auto bg-surface">
      <div className="mx-auto flex max-w-2xl flex-col gap-4 px-5 py-4">
        <h2 className="text-xl font-semibold">Settings</h2>
        {/* Connecting a client is what most people come here for: it leads. */}
        <EndpointPanel />
        <section
          className="flex flex-col gap-3 border-t border-line pt-4"
          aria-labelledby="settings-provider"
        >
          <h3 id="settings-provider" className="text-xs font-semibold tracking-wide text-muted uppercase">
            Model provider
          </h3>
          <p className="text-sm text-muted">
            The generator drafts skills with this provider. With none, it writes offline templates.
          </p>
          {loadError && <InlineError>{loadError}</InlineError>}
          {!llm ? (
            !loadError && <SkeletonLines count={3} label="Loading provider settings" />
          ) : (
            <>
              <ProviderForm llm={llm} />
              <ProviderKeyForm keySet={llm.keySet} />
              <ProviderTest disabled={llm.provider === 'none'} />
            </>
          )}
        </section>
        <CredentialsPanel />
        <PathsPanel />
        <DoctorPanel />
      </div>
    </div>
  )
}
