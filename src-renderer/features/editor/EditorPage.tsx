import { lazy, Suspense, useEffect, useMemo, useState } from 'react'
import { InlineError } from '../../components/InlineError'
import { navigate, routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { dirtyPaths, skillFileOf } from '../../stores/editor'
import { DiffView } from '../approvals/DiffView'
import { EditorTabs } from './EditorTabs'
import { EditorTestPanel, testedVersion } from './EditorTestPanel'
import { EditorToolbar } from './EditorToolbar'
import { editorMarkers, errorCount, type EditorMarker } from './markers'
import { ProblemsList } from './ProblemsList'
import { SkillPicker } from './SkillPicker'
import { useUnsavedGuard } from './useUnsavedGuard'

/** Monaco and its workers load only when a file is first shown. */
const CodeEditor = lazy(() => import('./CodeEditor'))

/**
 * The skill editor: `#/editor` picks a skill (or makes one from the template), `#/editor/<name>`
 * edits its files with live validation, saves a draft, shows the diff and submits it.
 */
export function EditorPage({ skillName }: { skillName: string | null }) {
  const workspace = useAppStore('editor', (state) => state.workspace)
  const loading = useAppStore('editor', (state) => state.loading)
  const files = useAppStore('editor', (state) => state.files)
  const open = useAppStore('editor', (state) => state.open)
  const error = useAppStore('editor', (state) => state.error)
  const confirmLeave = useUnsavedGuard()

  useEffect(() => {
    const current = workspace?.name ?? null
    if (skillName === null) {
      // The rail's "Editor" link comes back to the skill being edited.
      if (current !== null) navigate(routeHref('editor', current))
      return
    }
    if (skillName === current || loading) return
    if (confirmLeave()) void open(skillName)
    else if (current !== null) navigate(routeHref('editor', current))
    // Only a change of the route's skill should (re)open; the store's own changes must not.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [skillName])

  if (skillName === null && !workspace) return <SkillPicker />
  if (!workspace || workspace.name !== skillName) {
    return <EditorLoading error={error} />
  }
  return <SkillEditor dirty={dirtyPaths({ files })} confirmLeave={confirmLeave} />
}

function EditorLoading({ error }: { error: string | null }) {
  return (
    <div className="flex flex-col gap-3 p-5">
      {error ? (
        <>
          <InlineError>{error}</InlineError>
          <a href={routeHref('editor')} className="text-sm text-accent hover:underline">
            Pick another skill
          </a>
        </>
      ) : (
        <p className="text-sm text-muted">Opening…</p>
      )}
    </div>
  )
}

function SkillEditor({ dirty, confirmLeave }: { dirty: string[]; confirmLeave: () => boolean }) {
  const workspace = useAppStore('editor', (state) => state.workspace)!
  const files = useAppStore('editor', (state) => state.files)
  const activePath = useAppStore('editor', (state) => state.activePath)
  const report = useAppStore('editor', (state) => state.report)
  const findings = useAppStore('editor', (state) => state.findings)
  const problems = useAppStore('editor', (state) => state.problems)
  const checking = useAppStore('editor', (state) => state.checking)
  const validating = useAppStore('editor', (state) => state.validating)
  const diff = useAppStore('editor', (state) => state.diff)
  const approval = useAppStore('editor', (state) => state.approval)
  const error = useAppStore('editor', (state) => state.error)
  const select = useAppStore('editor', (state) => state.select)
  const edit = useAppStore('editor', (state) => state.edit)
  const save = useAppStore('editor', (state) => state.save)
  const discard = useAppStore('editor', (state) => state.discard)
  const close = useAppStore('editor', (state) => state.close)
  const [reveal, setReveal] = useState<{ line: number; at: number } | null>(null)
  const [testShown, setTestShown] = useState(false)
  const runTests = useAppStore('runtime', (state) => state.runTests)
  const testDraft = useAppStore('draftRun', (state) => state.test)

  const markers = useMemo(
    () => editorMarkers(skillFileOf(workspace), report, findings, problems),
    [workspace, report, findings, problems],
  )
  const active = activePath ? files[activePath] : undefined
  const activeMarkers = useMemo(() => markers.filter((m) => m.file === activePath), [markers, activePath])

  // Ctrl/Cmd+S anywhere on the page (Monaco handles it itself while focused).
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
        event.preventDefault()
        void save()
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [save])

  const goTo = (marker: EditorMarker): void => {
    void select(marker.file).then(() => setReveal({ line: marker.line, at: Date.now() }))
  }

  return (
    <div className="flex h-full flex-col bg-surface" data-testid="editor-page">
      <EditorToolbar
        errors={errorCount(markers)}
        onTest={() => {
          setTestShown(true)
          // The saved draft when there is one (sandboxed, apart from the approved skill); else the approved version.
          void (testedVersion(workspace) === 'draft' ? testDraft(workspace.name) : runTests(workspace.name))
        }}
        onDiscard={() => {
          if (window.confirm(`Throw away the saved draft of ${workspace.name}? This cannot be undone.`))
            void discard()
        }}
        onClose={() => {
          if (!confirmLeave()) return
          close()
          navigate(routeHref('editor'))
        }}
      />
      {testShown && <EditorTestPanel workspace={workspace} onClose={() => setTestShown(false)} />}
      {error && (
        <div className="px-5 pt-2">
          <InlineError>{error}</InlineError>
        </div>
      )}
      {workspace.baseChanged && (
        <p
          className="mx-5 mt-2 rounded border border-warn/40 bg-warn/10 px-2.5 py-1.5 text-sm"
          data-testid="editor-base-changed"
        >
          {workspace.name} changed after this draft was started (an update or an edit outside the editor).
          Submitting the draft replaces those changes: check the diff, or discard the draft and start again.
        </p>
      )}
      {approval && (
        <p className="px-5 pt-2 text-sm" data-testid="editor-approval">
          Sent for approval: <span className="font-medium">{approval.status}</span>.{' '}
          {approval.status === 'pending' && (
            <>
              {approval.skill} is held (not served to clients) until{' '}
              {approval.kind === 'update' ? 'the update is' : 'it is'} approved, with{' '}
              <code>skilldock approve {approval.id}</code> or in the request.{' '}
            </>
          )}
          <a href={routeHref('approvals', approval.id)} className="text-accent hover:underline">
            Open the request
          </a>
        </p>
      )}
      <EditorTabs
        workspace={workspace}
        active={activePath}
        dirty={dirty}
        onSelect={(path) => void select(path)}
      />
      <div className="min-h-0 flex-1">
        {diff ? (
          <div className="h-full overflow-auto px-5 py-3" data-testid="editor-diff-view">
            <p className="mb-2 text-sm text-muted">
              {diffHeading(diff.base, diff.commit)}
              {dirty.length > 0 && ' Unsaved edits are not included; save first.'}
            </p>
            <DiffView diff={diff.diff} />
          </div>
        ) : active ? (
          <Suspense fallback={<p className="p-4 text-sm text-muted">Loading editor…</p>}>
            <CodeEditor
              key={`${workspace.name}/${active.path}`}
              path={active.path}
              value={active.content}
              markers={activeMarkers}
              onChange={(value) => edit(active.path, value)}
              onSave={() => void save()}
              reveal={reveal}
            />
          </Suspense>
        ) : (
          <p className="p-4 text-sm text-muted">
            {activePath ? 'Loading…' : 'This skill has no text files.'}
          </p>
        )}
      </div>
      <ProblemsList markers={markers} validating={validating || checking} onGo={goTo} />
    </div>
  )
}

function diffHeading(base: string, commit: string | null): string {
  switch (base) {
    case 'approved':
      return `The saved draft against the approved version${commit ? ` (commit ${commit.slice(0, 10)})` : ''}.`
    case 'installed':
      return 'The saved draft against the installed copy (never approved yet).'
    case 'bundled':
      return 'The saved draft against the bundled copy.'
    default:
      return 'A new skill: every file is new.'
  }
}
