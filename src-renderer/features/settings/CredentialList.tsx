import { Trash2 } from 'lucide-react'
import { Badge } from '../../components/Badge'
import { useAppStore } from '../../stores/context'

/** What the skill declares and what is stored; names only, never values. */
export function CredentialList() {
  const declared = useAppStore('credentials', (state) => state.declared)
  const stored = useAppStore('credentials', (state) => state.stored)
  const loading = useAppStore('credentials', (state) => state.loading)
  const deleting = useAppStore('credentials', (state) => state.deleting)
  const remove = useAppStore('credentials', (state) => state.remove)
  const undeclared = stored.filter((name) => !declared.some((need) => need.name === name))
  const rows = [
    ...declared,
    ...undeclared.map((name) => ({
      name,
      required: false,
      description: 'not declared by the skill',
      stored: true,
    })),
  ]

  if (loading && rows.length === 0) return <p className="text-sm text-muted">Loading…</p>
  if (rows.length === 0) {
    return (
      <p className="text-sm text-muted" data-testid="credentials-none">
        This skill declares no credentials. You can still store one by name below.
      </p>
    )
  }
  return (
    <ul className="flex flex-col divide-y divide-line/60 text-sm" data-testid="credentials-list">
      {rows.map((row) => (
        <li
          key={row.name}
          className="flex items-center gap-2 py-1.5"
          data-testid="credential-row"
          data-name={row.name}
        >
          <span className="font-mono text-xs">{row.name}</span>
          {row.required && <Badge tone="accent">required</Badge>}
          {row.stored ? (
            <Badge tone="ok">stored</Badge>
          ) : (
            <Badge tone={row.required ? 'warn' : 'neutral'}>not set</Badge>
          )}
          <span className="min-w-0 flex-1 truncate text-muted" title={row.description}>
            {row.description}
          </span>
          {row.stored && (
            <button
              type="button"
              onClick={() => void remove(row.name)}
              disabled={deleting === row.name}
              aria-label={`Delete ${row.name}`}
              className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-muted hover:bg-danger/10 hover:text-danger disabled:opacity-50"
            >
              <Trash2 size={12} aria-hidden />
              {deleting === row.name ? 'Deleting…' : 'Delete'}
            </button>
          )}
        </li>
      ))}
    </ul>
  )
}
