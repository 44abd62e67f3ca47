import { KeyRound } from 'lucide-react'
import { useState } from 'react'
import type { McpClientConfig, McpClientKind } from '../../../src-main/contract'
import { CopyButton } from '../../components/CopyButton'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { clientKinds, kindLabel } from './clientKinds'
import { CreatedClientToken } from './CreatedClientToken'
import { buttonClass } from './SettingsSection'

/**
 * Copy-ready configuration per client. Looking at a tab creates nothing: the text holds a
 * `<token>` placeholder until the person asks for a token for that client, which is then shown once.
 */
export function ClientSnippets() {
  const configs = useAppStore('endpoint', (state) => state.configs)
  const tokenConfig = useAppStore('endpoint', (state) => state.tokenConfig)
  const loadConfig = useAppStore('endpoint', (state) => state.loadConfig)
  const error = useAppStore('endpoint', (state) => state.configError)
  const [kind, setKind] = useState<McpClientKind | null>(null)
  const withToken = tokenConfig && tokenConfig.client === kind ? tokenConfig : null
  const config = withToken ?? (kind ? configs[kind] : undefined)

  const choose = (next: McpClientKind): void => {
    setKind(next)
    if (!configs[next]) void loadConfig(next)
  }

  return (
    <div className="flex flex-col gap-2" data-testid="endpoint-snippets">
      <p className="text-sm">Configuration for a client:</p>
      <div role="tablist" aria-label="Client configuration" className="flex flex-wrap gap-1">
        {clientKinds.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            id={`snippet-tab-${item.id}`}
            aria-selected={kind === item.id}
            aria-controls={kind === item.id ? 'snippet-panel' : undefined}
            data-testid={`snippet-${item.id}`}
            onClick={() => choose(item.id)}
            className={`${buttonClass} ${kind === item.id ? 'border-accent bg-accent/10' : ''}`}
          >
            {item.label}
          </button>
        ))}
      </div>
      {error && <InlineError>{error}</InlineError>}
      {kind && !config && !error && <p className="text-sm text-muted">Preparing…</p>}
      {kind && config && (
        <div
          className="flex flex-col gap-2"
          role="tabpanel"
          id="snippet-panel"
          aria-labelledby={`snippet-tab-${kind}`}
        >
          {withToken ? <CreatedClientToken forKind /> : <TokenAction kind={kind} config={config} />}
          <div className="flex items-center justify-between gap-2 text-xs text-muted">
            <span>
              {config.format === 'shell' ? 'Run' : `Merge into (${config.format})`}: {config.target}
            </span>
            <CopyButton text={config.text} label="Copy the configuration" />
          </div>
          <pre
            data-testid="snippet-text"
            className="max-h-64 overflow-auto rounded border border-line bg-panel p-2 font-mono text-xs whitespace-pre"
          >
            {config.text}
          </pre>
        </div>
      )}
    </div>
  )
}

/** The one way a configuration gets a token: asking for it, for that client by name. */
function TokenAction({ kind, config }: { kind: McpClientKind; config: McpClientConfig }) {
  const clients = useAppStore('endpoint', (state) => state.clients)
  const creating = useAppStore('endpoint', (state) => state.creating)
  const createTokenFor = useAppStore('endpoint', (state) => state.createTokenFor)
  if (kind === 'claude-desktop') {
    return (
      <p className="text-sm text-muted" data-testid="snippet-no-token">
        Claude Desktop starts SkillDock itself: no token needed.
      </p>
    )
  }
  const exists = clients.some((client) => client.name === kind)
  const label = kindLabel(kind)
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span className="text-muted">
        {config.text.includes('<token>') ? 'The text below has a <token> placeholder.' : null}
      </span>
      <button
        type="button"
        data-testid="snippet-create-token"
        disabled={creating}
        onClick={() => void createTokenFor(kind)}
        className={buttonClass}
      >
        <KeyRound size={13} aria-hidden />
        {creating ? 'Creating…' : exists ? `Show the token for ${label}` : `Create a token for ${label}`}
      </button>
    </div>
  )
}
