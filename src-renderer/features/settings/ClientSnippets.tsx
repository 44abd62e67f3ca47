import { useState } from 'react'
import type { McpClientKind } from '../../../src-main/contract'
import { CopyButton } from '../../components/CopyButton'
import { InlineError } from '../../components/InlineError'
import { useEndpointStore } from '../../stores/context'
import { buttonClass } from './SettingsSection'

const kinds: ReadonlyArray<{ id: McpClientKind; label: string }> = [
  { id: 'claude-desktop', label: 'Claude Desktop' },
  { id: 'claude-code', label: 'Claude Code' },
  { id: 'cursor', label: 'Cursor' },
  { id: 'vscode', label: 'VS Code' },
  { id: 'codex', label: 'Codex' },
]

/**
 * Copy-ready configuration per client. Fetched on request: snippets of HTTP clients carry that
 * client's token, so they are not put on the page until asked for.
 */
export function ClientSnippets() {
  const configs = useEndpointStore((state) => state.configs)
  const loadConfig = useEndpointStore((state) => state.loadConfig)
  const error = useEndpointStore((state) => state.configError)
  const [kind, setKind] = useState<McpClientKind | null>(null)
  const config = kind ? configs[kind] : undefined

  const choose = (next: McpClientKind): void => {
    setKind(next)
    if (!configs[next]) void loadConfig(next)
  }

  return (
    <div className="flex flex-col gap-2" data-testid="endpoint-snippets">
      <p className="text-sm">Configuration for a client:</p>
      <div role="tablist" aria-label="Client configuration" className="flex flex-wrap gap-1">
        {kinds.map((item) => (
          <button
            key={item.id}
            type="button"
            role="tab"
            aria-selected={kind === item.id}
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
      {config && (
        <div className="flex flex-col gap-1" role="tabpanel">
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
