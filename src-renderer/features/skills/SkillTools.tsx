import { useEffect, useRef } from 'react'
import type { SkillDetail, ToolInfo } from '../../../src-main/contract'
import { Section } from '../../components/Section'
import { useAppStore, useStoreApi } from '../../stores/context'

/** States whose server may run now: asking it for its tools is what "Refresh tools" would do. */
const RUNNABLE = new Set(['active', 'builtin'])

/**
 * A runnable skill with a server but no tools recorded yet (a bundled skill in a new data home):
 * asks its server once, as the Run tab's "Refresh tools" would, so the tools show without a hunt —
 * on the Overview and on the Run tab alike (whose cached list is empty then). Pass null to skip.
 */
export function useAskForToolsOnce(detail: SkillDetail | null): void {
  const name = detail?.name ?? ''
  const fetched = useAppStore('runtime', (state) => state.runs[name]?.tools ?? null)
  const asking = useAppStore('runtime', (state) => state.runs[name]?.toolsLoading ?? false)
  const runtime = useStoreApi('runtime')
  const asked = useRef(new Set<string>())
  const unknown =
    detail !== null &&
    detail.tools.length === 0 &&
    detail.hasServer &&
    detail.eligible &&
    RUNNABLE.has(detail.state)
  useEffect(() => {
    if (!unknown || asked.current.has(name)) return
    // The store as it is now: the Run tab may have begun reading the cached list in this same commit.
    const run = runtime.getState().runs[name]
    if (run?.toolsLoading || (run?.tools && run.tools.length > 0)) return
    asked.current.add(name)
    void runtime.getState().loadTools(name, true)
  }, [unknown, asking, fetched, runtime, name])
}

/**
 * The tools the skill's server reported when it last started (recorded, so no process is started
 * to show them), with their parameters; else the ones SKILL.md declares.
 */
export function SkillTools({ detail }: { detail: SkillDetail }) {
  // Tools just fetched on the Run tab are newer than the ones the page was loaded with.
  const fetched = useAppStore('runtime', (state) => state.runs[detail.name]?.tools ?? null)
  const asking = useAppStore('runtime', (state) => state.runs[detail.name]?.toolsLoading ?? false)
  const tools = fetched && fetched.length > 0 ? fetched : detail.tools
  if (tools.length > 0) {
    return (
      <Section title={`Tools (${tools.length})`}>
        <ul className="flex flex-col gap-1.5">
          {tools.map((tool) => (
            <li key={tool.name} className="selectable" data-testid="skill-tool">
              <code className="font-medium">{tool.name}</code>
              {tool.description && <p className="text-sm text-muted">{tool.description}</p>}
              <ToolSchema schema={tool.inputSchema} />
            </li>
          ))}
        </ul>
      </Section>
    )
  }
  if (detail.declaredTools.length > 0) {
    return (
      <Section title="Tools">
        <p className="selectable text-sm">
          <span className="text-muted">declared tools: </span>
          {detail.declaredTools.join(', ')}
        </p>
      </Section>
    )
  }
  if (!detail.hasServer) return null
  return (
    <Section title="Tools">
      <p className="text-sm text-muted">
        {asking
          ? 'Asking the skill’s server for its tools…'
          : 'This skill has a server; its tools are listed after it first runs.'}
      </p>
    </Section>
  )
}

/** A tool's parameters (name, type, required, description), and its whole input schema as JSON on demand. */
function ToolSchema({ schema }: { schema: ToolInfo['inputSchema'] }) {
  const properties = isRecord(schema.properties) ? Object.entries(schema.properties) : []
  const required = Array.isArray(schema.required) ? schema.required : []
  return (
    <div className="mt-0.5 text-sm" data-testid="skill-tool-schema">
      {properties.length === 0 ? (
        <p className="text-muted">No parameters.</p>
      ) : (
        <ul className="flex flex-col">
          {properties.map(([name, property]) => {
            const field = isRecord(property) ? property : {}
            return (
              <li key={name}>
                <code>{name}</code>
                <span className="text-muted">
                  {': '}
                  {typeLabel(field)}
                  {required.includes(name) ? '' : ' (optional)'}
                </span>
                {typeof field.description === 'string' && field.description && (
                  <span className="text-muted"> — {field.description}</span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      <details>
        <summary className="cursor-default text-xs text-muted">Input schema (JSON)</summary>
        <pre className="overflow-x-auto rounded border border-line bg-fg/4 p-2 font-mono text-xs">
          {JSON.stringify(schema, null, 2)}
        </pre>
      </details>
    </div>
  )
}

function typeLabel(field: Record<string, unknown>): string {
  if (Array.isArray(field.enum)) return field.enum.map((value) => JSON.stringify(value)).join(' | ')
  if (typeof field.type === 'string') {
    if (field.type === 'array' && isRecord(field.items) && typeof field.items.type === 'string')
      return `${field.items.type}[]`
    return field.type
  }
  if (Array.isArray(field.type)) return field.type.join(' | ')
  if (Array.isArray(field.anyOf))
    return field.anyOf.map((item) => (isRecord(item) ? typeLabel(item) : '?')).join(' | ')
  return 'any'
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
