import { CircleAlert, ShieldAlert, TriangleAlert } from 'lucide-react'
import type { EditorMarker } from './markers'

const groups: ReadonlyArray<{
  id: string
  title: string
  pick: (marker: EditorMarker) => boolean
}> = [
  { id: 'errors', title: 'Errors', pick: (m) => m.severity === 'error' },
  { id: 'warnings', title: 'Warnings', pick: (m) => m.severity === 'warning' && m.source !== 'scanner' },
  { id: 'security', title: 'Security findings', pick: (m) => m.source === 'scanner' },
]

/**
 * The problems of the open skill, kept apart: errors (SKILL.md validation, files that would not
 * load), warnings, and security findings (advice; the approval inbox decides). Click to go there.
 */
export function ProblemsList({
  markers,
  validating,
  onGo,
}: {
  markers: readonly EditorMarker[]
  validating: boolean
  onGo: (marker: EditorMarker) => void
}) {
  return (
    <div
      className="max-h-48 shrink-0 overflow-y-auto border-t border-line px-5 py-2"
      data-testid="editor-problems"
    >
      <h3 className="sr-only">Problems</h3>
      {markers.length === 0 && (
        <p className="text-sm text-muted">{validating ? 'Checking…' : 'No problems.'}</p>
      )}
      {groups.map((group) => {
        const picked = markers.filter(group.pick)
        if (picked.length === 0) return null
        return (
          <section key={group.id} data-testid={`editor-problems-${group.id}`} className="mb-1">
            <h4 className="text-xs font-semibold tracking-wide text-muted uppercase">
              {group.title} ({picked.length})
            </h4>
            <ul className="flex flex-col gap-0.5">
              {picked.map((marker, index) => (
                <ProblemRow key={index} marker={marker} onGo={onGo} />
              ))}
            </ul>
          </section>
        )
      })}
    </div>
  )
}

function ProblemRow({ marker, onGo }: { marker: EditorMarker; onGo: (marker: EditorMarker) => void }) {
  const Icon =
    marker.source === 'scanner' ? ShieldAlert : marker.severity === 'error' ? CircleAlert : TriangleAlert
  return (
    <li
      data-testid="editor-problem"
      data-severity={marker.severity}
      data-file={marker.file}
      data-line={marker.hasLine ? marker.line : ''}
      data-source={marker.source}
      className="flex items-start gap-1.5 text-sm"
    >
      <Icon
        size={13}
        aria-hidden
        className={`mt-0.5 shrink-0 ${marker.severity === 'error' ? 'text-danger' : 'text-warn'}`}
      />
      <button
        type="button"
        onClick={() => onGo(marker)}
        className="shrink-0 font-mono text-accent hover:underline"
      >
        {marker.file}
        {marker.hasLine ? `:${marker.line}` : ''}
      </button>
      <span className="selectable min-w-0 break-words">{marker.message}</span>
      <code className="text-xs text-muted">{marker.code}</code>
    </li>
  )
}
