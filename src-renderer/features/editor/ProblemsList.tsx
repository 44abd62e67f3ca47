import { CircleAlert, TriangleAlert } from 'lucide-react'
import type { EditorMarker } from './markers'

/** The problems of the open skill: validator errors and warnings, scanner findings; click to go there. */
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
        <p className="text-sm text-muted">{validating ? 'Validating…' : 'No problems.'}</p>
      )}
      <ul className="flex flex-col gap-0.5">
        {markers.map((marker, index) => {
          const Icon = marker.severity === 'error' ? CircleAlert : TriangleAlert
          return (
            <li
              key={index}
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
        })}
      </ul>
    </div>
  )
}
