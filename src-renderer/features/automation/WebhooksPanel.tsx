import { TriangleAlert } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass, removeClass, ToolPicker, when } from './fields'

const HOOK_ID = /^[a-z0-9][a-z0-9-]*$/

/** Where `/hooks/<id>` is served: this page's server in serve mode, else the app's MCP server. */
export function hookOrigin(endpointUrl: string | null): string {
  if (/^https?:$/.test(window.location.protocol)) return window.location.origin
  try {
    if (endpointUrl) return new URL(endpointUrl).origin
  } catch {
    // fall through
  }
  return 'http://127.0.0.1:7545'
}

/** A shell example of the signature scheme: HMAC-SHA256 of "<t>.<body>" with the hook's secret. */
export function curlExample(url: string): string {
  return [
    `SECRET='<the hook secret>'`,
    `BODY='{"text":"hello"}'`,
    'T=$(date +%s)',
    `SIG=$(printf '%s.%s' "$T" "$BODY" | openssl dgst -sha256 -hmac "$SECRET" | sed 's/^.*= //')`,
    `curl -X POST '${url}' -H 'Content-Type: application/json' \\`,
    `  -H "SkillDock-Signature: t=$T,v1=$SIG" -d "$BODY"`,
  ].join('\n')
}

/** The secret of the hook just added: shown this once, with copy; dismissing forgets it. */
function NewSecret() {
  const created = useAppStore('automation', (state) => state.newSecret)
  const dismiss = useAppStore('automation', (state) => state.dismissSecret)
  if (!created) return null
  return (
    <div
      role="status"
      data-testid="webhook-secret"
      className="mb-3 flex flex-col gap-1.5 rounded border border-warn/40 bg-warn/8 px-3 py-2 text-sm"
    >
      <p className="flex items-center gap-1.5 font-medium">
        <TriangleAlert size={14} className="text-warn" aria-hidden />
        Secret of the webhook {created.id} — copy it now; it will not be shown again.
      </p>
      <div className="flex items-center gap-2">
        <code
          className="min-w-0 flex-1 truncate rounded bg-surface px-2 py-0.5 font-mono text-xs"
          data-testid="webhook-secret-value"
        >
          {created.secret}
        </code>
        <CopyButton text={created.secret} label="Copy the secret" />
        <button type="button" onClick={dismiss} className="rounded px-2 py-0.5 text-xs hover:bg-fg/8">
          Done
        </button>
      </div>
    </div>
  )
}

/** Webhooks: signed `POST /hooks/<id>` URLs that run a tool. */
export function WebhooksPanel() {
  const webhooks = useAppStore('automation', (state) => state.webhooks)
  const endpointUrl = useAppStore('automation', (state) => state.endpointUrl)
  const addWebhook = useAppStore('automation', (state) => state.addWebhook)
  const removeWebhook = useAppStore('automation', (state) => state.removeWebhook)
  const [id, setId] = useState('')
  const [skill, setSkill] = useState('')
  const [tool, setTool] = useState('')
  const idError = id !== '' && !HOOK_ID.test(id) ? 'lowercase letters, digits and "-"' : null
  const valid = id !== '' && idError === null && skill !== '' && tool !== ''
  const origin = hookOrigin(endpointUrl)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await addWebhook({ id, skill, tool })) setId('')
  }

  return (
    <div>
      <NewSecret />
      <ul className="mb-3 flex flex-col gap-1 text-sm" aria-label="Webhooks">
        {webhooks.length === 0 && <li className="text-muted">No webhooks.</li>}
        {webhooks.map((h) => (
          <li key={h.id} data-testid="webhook-row" className="flex items-center gap-2">
            <code className="font-mono">POST {h.path}</code>
            <span className="text-muted">
              runs{' '}
              <code>
                {h.skill}/{h.tool}
              </code>
            </span>
            <span className="text-xs text-muted">
              {h.lastCalledAt ? `last called ${when(h.lastCalledAt)}` : 'never called'}
            </span>
            <span className="ml-auto flex items-center gap-1">
              <CopyButton text={`${origin}${h.path}`} label={`Copy the URL of ${h.id}`} />
              <button
                type="button"
                className={removeClass}
                aria-label={`Remove webhook ${h.id}`}
                onClick={() => void removeWebhook(h.id)}
              >
                Remove
              </button>
            </span>
          </li>
        ))}
      </ul>
      <form
        onSubmit={(event) => void submit(event)}
        className="flex flex-wrap items-end gap-2"
        aria-label="Add a webhook"
      >
        <Field label="Id (in the URL)">
          <input
            data-testid="webhook-id"
            value={id}
            onChange={(e) => setId(e.target.value)}
            aria-invalid={idError !== null}
            className={`w-36 ${inputClass}`}
          />
        </Field>
        <ToolPicker
          idPrefix="webhook"
          skill={skill}
          tool={tool}
          onChange={(s, t) => {
            setSkill(s)
            setTool(t)
          }}
        />
        <button type="submit" disabled={!valid} className={buttonClass}>
          Add webhook
        </button>
      </form>
      {idError && <p className="mt-1 text-xs text-danger">The id may contain only {idError}.</p>}
      <div className="mt-3 text-xs text-muted">
        <p className="mb-1">
          No UI token is needed: each request is signed with the hook’s secret. The JSON body is the tool
          input; unsigned, tampered, replayed or older than 5 minutes requests get 401.
        </p>
        <pre className="overflow-x-auto rounded bg-fg/5 p-2 font-mono" data-testid="webhook-curl">
          {curlExample(`${origin}/hooks/${webhooks[0]?.id ?? '<id>'}`)}
        </pre>
      </div>
    </div>
  )
}
