import { Plus, Trash2 } from 'lucide-react'
import { useEffect, useState, type FormEvent } from 'react'
import type { ClientMode } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { CopyButton } from '../../components/CopyButton'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { formatDateTime, formatRelativeTime } from '../../components/time'
import { useAppStore } from '../../stores/context'
import { ClientSnippets } from './ClientSnippets'
import { CreatedClientToken } from './CreatedClientToken'
import { inputClass, primaryButtonClass, SettingsSection } from './SettingsSection'

/** The local MCP endpoint: its URL and status, the clients allowed in, and their configuration. */
export function EndpointPanel() {
  const load = useAppStore('endpoint', (state) => state.load)
  const endpoint = useAppStore('endpoint', (state) => state.endpoint)
  const loaded = useAppStore('endpoint', (state) => state.loaded)
  const error = useAppStore('endpoint', (state) => state.error)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <SettingsSection
      id="settings-endpoint"
      title="MCP endpoint"
      intro="MCP clients (Claude Desktop, Claude Code, Cursor, VS Code, Codex…) reach your skills here. Each client has its own token."
    >
      {error && <InlineError>{error}</InlineError>}
      {!loaded ? (
        <SkeletonLines count={2} label="Loading the endpoint" />
      ) : (
        endpoint && (
          <div className="flex flex-wrap items-center gap-2 text-sm" data-testid="endpoint-status">
            <span className="font-mono text-xs" data-testid="endpoint-url">
              {endpoint.url}
            </span>
            <CopyButton text={endpoint.url} label="Copy the endpoint URL" />
            {endpoint.running ? (
              <Badge tone="ok">listening</Badge>
            ) : (
              <Badge tone="warn" title="Start the desktop app or `skilldock serve` to open it.">
                not running
              </Badge>
            )}
          </div>
        )
      )}
      <ClientTable />
      <CreateClientForm />
      <CreatedClientToken />
      <ClientSnippets />
    </SettingsSection>
  )
}

function ClientTable() {
  const clients = useAppStore('endpoint', (state) => state.clients)
  const removing = useAppStore('endpoint', (state) => state.removing)
  const remove = useAppStore('endpoint', (state) => state.remove)
  if (clients.length === 0) {
    return <p className="text-sm text-muted">No clients yet. Create one below.</p>
  }
  return (
    <table className="w-full border-collapse text-sm" data-testid="endpoint-clients">
      <thead>
        <tr className="border-b border-line text-left text-xs text-muted">
          <th className="py-1 pr-2 font-medium">Client</th>
          <th className="py-1 pr-2 font-medium">Mode</th>
          <th className="py-1 pr-2 font-medium">Last used</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {clients.map((client) => (
          <tr
            key={client.name}
            className="border-b border-line/60"
            data-testid="endpoint-client"
            data-name={client.name}
          >
            <td className="py-1 pr-2">{client.name}</td>
            <td className="py-1 pr-2 text-muted">{client.mode}</td>
            <td
              className="py-1 pr-2 text-muted"
              title={client.lastUsedAt ? formatDateTime(client.lastUsedAt) : undefined}
            >
              {client.lastUsedAt ? formatRelativeTime(client.lastUsedAt) : 'never'}
            </td>
            <td className="py-1 text-right">
              <button
                type="button"
                onClick={() => {
                  if (window.confirm(`Revoke ${client.name}? Its token stops working at once.`))
                    void remove(client.name)
                }}
                disabled={removing === client.name}
                className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-muted hover:bg-danger/10 hover:text-danger disabled:opacity-50"
              >
                <Trash2 size={12} aria-hidden />
                {removing === client.name ? 'Revoking…' : 'Revoke'}
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function CreateClientForm() {
  const create = useAppStore('endpoint', (state) => state.create)
  const creating = useAppStore('endpoint', (state) => state.creating)
  const error = useAppStore('endpoint', (state) => state.createError)
  const [name, setName] = useState('')
  const [mode, setMode] = useState<ClientMode>('catalog')

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (name.trim() === '') return
    if (await create(name, mode)) setName('')
  }

  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="flex flex-col gap-2"
      data-testid="endpoint-create"
    >
      <div className="flex flex-wrap items-center gap-2">
        <input
          aria-label="Client name"
          data-testid="endpoint-client-name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          placeholder="New client name, e.g. my-agent"
          maxLength={100}
          className={`${inputClass} w-60`}
        />
        <select
          aria-label="Mode"
          value={mode}
          onChange={(event) => setMode(event.target.value as ClientMode)}
          className={inputClass}
          title="catalog: search/read/call tools; direct: also one tool per skill tool"
        >
          <option value="catalog">catalog</option>
          <option value="direct">direct</option>
        </select>
        <button
          type="submit"
          data-testid="endpoint-client-create"
          disabled={creating || name.trim() === ''}
          className={primaryButtonClass}
        >
          <Plus size={13} aria-hidden />
          {creating ? 'Creating…' : 'Create client'}
        </button>
      </div>
      {error && <InlineError>{error}</InlineError>}
    </form>
  )
}
