import { RefreshCw } from 'lucide-react'
import { useState } from 'react'
import { InlineError } from '../../components/InlineError'
import { Section } from '../../components/Section'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { emptyRun, type CallRecord } from '../../stores/runtime'
import { CallHistory } from './CallHistory'
import { CallResult } from './CallResult'
import { ExamplePresets } from './ExamplePresets'
import { ToolForm } from './ToolForm'
import { ToolSelect } from './ToolSelect'

/** Arguments loaded from the history; the nonce re-creates the form even for the same call twice. */
interface Seed {
  tool: string
  args: Record<string, unknown>
  nonce: number
}

/** Pick a tool, fill its generated form, call it; see the result and the session's calls. */
export function ToolCaller({ name }: { name: string }) {
  const run = useAppStore('runtime', (state) => state.runs[name]) ?? emptyRun()
  const loadTools = useAppStore('runtime', (state) => state.loadTools)
  const selectTool = useAppStore('runtime', (state) => state.selectTool)
  const call = useAppStore('runtime', (state) => state.call)
  const showCall = useAppStore('runtime', (state) => state.showCall)
  const [seed, setSeed] = useState<Seed | null>(null)

  const tool = run.tools?.find((candidate) => candidate.name === run.selectedTool) ?? null
  const shown = run.history.find((record) => record.id === run.shownCallId) ?? null
  const edit = (record: CallRecord): void => {
    selectTool(name, record.tool)
    setSeed({ tool: record.tool, args: record.arguments, nonce: (seed?.nonce ?? 0) + 1 })
  }

  return (
    <>
      <Section
        title="Call a tool"
        aside={
          <button
            type="button"
            onClick={() => void loadTools(name, true)}
            disabled={run.toolsLoading}
            title="Start the server and ask it for its tools"
            className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-muted hover:bg-fg/8 hover:text-fg disabled:opacity-50"
          >
            <RefreshCw size={12} aria-hidden className={run.toolsLoading ? 'animate-spin' : ''} />
            Refresh tools
          </button>
        }
      >
        <div className="flex flex-col gap-3">
          {run.toolsError && <InlineError>{run.toolsError}</InlineError>}
          {run.tools === null ? (
            !run.toolsError && <SkeletonLines count={2} label="Loading tools" />
          ) : run.tools.length === 0 ? (
            <p className="text-sm text-muted">
              No tools known yet. Use “Refresh tools” to start the server and ask it for its tools.
            </p>
          ) : (
            <>
              <ToolSelect
                tools={run.tools}
                value={run.selectedTool ?? ''}
                onChange={(tool) => selectTool(name, tool)}
                testId="runner-tool-select"
              />
              {tool?.description && <p className="selectable text-sm text-muted">{tool.description}</p>}
              {tool && (
                <ExamplePresets
                  name={name}
                  tool={tool.name}
                  onPick={(args) => setSeed({ tool: tool.name, args, nonce: (seed?.nonce ?? 0) + 1 })}
                />
              )}
              {tool && (
                <ToolForm
                  key={`${tool.name}:${seed?.tool === tool.name ? seed.nonce : 0}`}
                  tool={tool}
                  seed={seed?.tool === tool.name ? seed.args : null}
                  calling={run.calling}
                  onCall={(args) => void call(name, tool.name, args)}
                />
              )}
            </>
          )}
          <div aria-live="polite">{shown && <CallResult record={shown} />}</div>
        </div>
      </Section>
      <Section title={`History (${run.history.length})`}>
        <CallHistory
          history={run.history}
          shownId={run.shownCallId}
          calling={run.calling}
          onShow={(id) => showCall(name, id)}
          onReplay={(record) => void call(name, record.tool, record.arguments)}
          onEdit={edit}
        />
      </Section>
    </>
  )
}
