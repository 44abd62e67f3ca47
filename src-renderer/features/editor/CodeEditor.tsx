import Editor, { type OnMount } from '@monaco-editor/react'
import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { monaco } from './monacoSetup'
import type { EditorMarker } from './markers'
import { languageOf } from './languages'

type CodeEditorInstance = Parameters<OnMount>[0]

export interface CodeEditorProps {
  /** Path of the file inside the skill: picks the language. */
  path: string
  value: string
  markers: readonly EditorMarker[]
  onChange: (value: string) => void
  onSave: () => void
  /** Moves the cursor to this line when it changes (a problem was clicked). */
  reveal: { line: number; at: number } | null
}

const darkQuery = '(prefers-color-scheme: dark)'
function subscribeScheme(onChange: () => void): () => void {
  const query = window.matchMedia(darkQuery)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/**
 * Monaco with the validator's and scanner's findings as markers (errors and warnings at their
 * lines). Lazy-loaded: importing this module pulls in Monaco and its workers.
 */
export default function CodeEditor({ path, value, markers, onChange, onSave, reveal }: CodeEditorProps) {
  const [editor, setEditor] = useState<CodeEditorInstance | null>(null)
  const container = useRef<HTMLDivElement>(null)
  const onSaveRef = useRef(onSave)
  useEffect(() => {
    onSaveRef.current = onSave
  }, [onSave])
  const dark = useSyncExternalStore(subscribeScheme, () => window.matchMedia(darkQuery).matches)

  const mount: OnMount = (instance) => {
    // Ctrl/Cmd+S saves the draft instead of the browser's "save page".
    instance.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => onSaveRef.current())
    setEditor(instance)
  }

  useEffect(() => {
    const model = editor?.getModel()
    if (!editor || !model) return
    const lines = model.getLineCount()
    monaco.editor.setModelMarkers(
      model,
      'skilldock',
      markers.map((marker) => {
        const line = Math.min(Math.max(marker.line, 1), lines)
        return {
          startLineNumber: line,
          endLineNumber: line,
          startColumn: 1,
          endColumn: model.getLineMaxColumn(line),
          severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
          message: marker.message,
          source: marker.source,
        }
      }),
    )
    // What Monaco holds now, as `line:severity` pairs, for end-to-end tests to read.
    if (container.current) {
      container.current.dataset.markers = monaco.editor
        .getModelMarkers({ resource: model.uri, owner: 'skilldock' })
        .map(
          (m) => `${m.startLineNumber}:${m.severity === monaco.MarkerSeverity.Error ? 'error' : 'warning'}`,
        )
        .join(' ')
    }
  }, [editor, markers, value])

  useEffect(() => {
    if (!editor || !reveal) return
    editor.revealLineInCenter(reveal.line)
    editor.setPosition({ lineNumber: reveal.line, column: 1 })
    editor.focus()
  }, [editor, reveal])

  return (
    <div ref={container} className="h-full min-h-0" data-testid="code-editor" data-path={path}>
      <Editor
        value={value}
        language={languageOf(path) ?? 'plaintext'}
        theme={dark ? 'vs-dark' : 'vs'}
        onMount={mount}
        onChange={(next) => onChange(next ?? '')}
        loading={<p className="p-4 text-sm text-muted">Loading editor…</p>}
        options={{
          automaticLayout: true,
          minimap: { enabled: false },
          fontSize: 13,
          scrollBeyondLastLine: false,
          wordWrap: languageOf(path) === 'markdown' ? 'on' : 'off',
          renderWhitespace: 'selection',
          tabSize: languageOf(path) === 'python' ? 4 : 2,
          glyphMargin: false,
        }}
      />
    </div>
  )
}
