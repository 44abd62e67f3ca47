import { RefreshCw } from 'lucide-react'
import { useState } from 'react'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { emptyDraftRun } from '../../stores/draftRun'
import { CallResult } from '../runner/CallResult'
import { ToolForm } from '../runner/ToolForm'
import { ToolSelect } from '../runner/ToolSelect'

/**
 * One tool call against the saved draft: pick a tool the draft serves, fill its schema form (the
 * runner's), see what came back. The core runs the draft sandboxed, apart from the approved skill.
 */
export function DraftToolCall({ name }: { name: string }) {
  const run = useAppStore('draftRun', (state) => state.runs[name]) ?? emptyDraftRun()
  const loadTools = useAppStore('draftRun', (state) => state.loadTools)
  const call = useAppStore('draftRun', (state) => state.call)
  const [picked, setPicked] = useState<string | null>(null)
  const tools = run.tools ?? []
  const tool = tools.find((candidate) => candidate.name === picked) ?? tools[0] ?? null

  return (
    <div className="flex flex-col gap-2 border-t border-line pt-2" data-testid="editor-draft-call">
      <div className="flex items-center gap-2 text-sm">
        <span className="font-medium">Call a tool of the draft</span>
        <button
          type="button"
          onClick={() => void loadTools(name)}
          disabled={run.toolsLoading}
          title="Start the saved draft (sandboxed) and ask it for its tools"
          className="inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-xs text-muted hover:bg-fg/8 hover:text-fg disabled:opacity-50"
        >
          <RefreshCw size={12} aria-hidden className={run.toolsLoading ? 'animate-spin' : ''} />
          {run.tools === null ? 'Load tools' : 'Refresh tools'}
        </button>
      </div>
      {run.toolsError && <InlineError>{run.toolsError}</InlineError>}
      {run.tools !== null && tools.length === 0 && (
        <p className="text-sm text-muted">The draft serves no tools.</p>
      )}
      {tool && (
        <>
          <ToolSelect tools={tools} value={tool.name} onChange={setPicked} testId="editor-draft-tool" />
          {tool.description && <p className="selectable text-sm text-muted">{tool.description}</p>}
          <ToolForm
            key={tool.name}
            tool={tool}
            seed={null}
            calling={run.calling}
            onCall={(args) => void call(name, tool.name, args)}
          />
        </>
      )}
      <div aria-live="polite" data-version="draft">
        {run.last && <CallResult record={run.last} />}
      </div>
    </div>
  )
}
