import { TriangleAlert } from 'lucide-react'
import { CopyButton } from '../../components/CopyButton'
import { useAppStore } from '../../stores/context'
import { kindLabel } from './clientKinds'

/**
 * The token of the client just created: shown this once, with copy; dismissing forgets it.
 * `forKind` shows the token made for an MCP client's configuration (inside that tab); without it,
 * the token of a client made by name.
 */
export function CreatedClientToken({ forKind = false }: { forKind?: boolean }) {
  const created = useAppStore('endpoint', (state) => state.created)
  const dismiss = useAppStore('endpoint', (state) => state.dismissCreated)
  if (!created || Boolean(created.kind) !== forKind) return null
  const owner = created.kind
    ? `${kindLabel(created.kind)} (SkillDock client “${created.name}”)`
    : created.name
  return (
    <div
      role="status"
      data-testid="endpoint-token"
      data-client={created.name}
      className="flex flex-col gap-1.5 rounded border border-warn/40 bg-warn/8 px-3 py-2 text-sm"
    >
      <p className="flex items-center gap-1.5 font-medium">
        <TriangleAlert size={14} className="text-warn" aria-hidden />
        Token for {owner} — copy it now; it will not be shown again.
      </p>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-0.5 font-mono text-xs"
          data-testid="endpoint-token-value"
        >
          {created.token}
        </code>
        <CopyButton text={created.token} label="Copy the token" />
        <button type="button" onClick={dismiss} className="rounded px-2 py-0.5 text-xs hover:bg-fg/8">
          Done
        </button>
      </div>
      <p className="text-xs text-muted">
        {created.kind ? (
          'The configuration below already holds it.'
        ) : (
          <>
            Send it as <code className="font-mono">Authorization: Bearer &lt;token&gt;</code> to the endpoint
            URL.
          </>
        )}
      </p>
    </div>
  )
}
