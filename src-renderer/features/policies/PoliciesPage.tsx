import { useEffect } from 'react'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { LimitsPanel } from './LimitsPanel'
import { PolicyPanel } from './PolicyPanel'
import { RolesPanel } from './RolesPanel'

/** How tool calls are governed: call policies, roles of MCP clients, rate limits. */
export function PoliciesPage() {
  const load = useAppStore('policies', (state) => state.load)
  const error = useAppStore('policies', (state) => state.error)
  const loaded = useAppStore('policies', (state) => state.loaded)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <div className="h-full overflow-y-auto bg-surface">
      <div className="mx-auto flex max-w-3xl flex-col p-4">
        <h1 className="mb-1 text-lg font-semibold">Policies</h1>
        <p className="mb-2 text-sm text-muted">
          Every tool call (MCP clients, runs, schedules, webhooks) passes these rules. Held calls wait on the
          Approvals page.
        </p>
        {error && <InlineError>{error}</InlineError>}
        {loaded ? (
          <>
            <PolicyPanel />
            <RolesPanel />
            <LimitsPanel />
          </>
        ) : (
          <SkeletonLines count={4} label="Loading policies" />
        )}
      </div>
    </div>
  )
}
