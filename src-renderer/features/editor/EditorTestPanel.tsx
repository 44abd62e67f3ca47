import { CircleCheck, CircleMinus, CircleX, FlaskConical, X } from 'lucide-react'
import type { SkillWorkspace } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { DraftToolCall } from './DraftToolCall'

const icons = { pass: CircleCheck, fail: CircleX, skip: CircleMinus } as const
const colours = { pass: 'text-ok', fail: 'text-danger', skip: 'text-muted' } as const

/**
 * Which copy the editor's test runs: the saved draft whenever there is one (a new skill's own files,
 * or the draft copy of an approved or bundled skill, run sandboxed apart from it by `files.test`);
 * otherwise the approved or bundled version as it is (`skills.test`).
 */
export function testedVersion(workspace: SkillWorkspace): 'draft' | 'approved' | 'bundled' {
  if (workspace.origin === 'draft' || workspace.hasDraft) return 'draft'
  return workspace.origin === 'builtin' ? 'bundled' : 'approved'
}

const versionWords = {
  draft: 'the draft as saved, sandboxed, with no network or stored credentials',
  approved: 'the approved version',
  bundled: 'the bundled version',
} as const

/**
 * The editor's test: `skilldock test` (manifest, syntax, server handshake, declared vs served
 * tools, and the tool calls of examples.json) against the saved draft, or the approved version when
 * nothing is saved, labelled with which one ran.
 */
export function EditorTestPanel({ workspace, onClose }: { workspace: SkillWorkspace; onClose: () => void }) {
  const name = workspace.name
  const version = testedVersion(workspace)
  const draft = useAppStore('draftRun', (state) => state.runs[name])
  const approved = useAppStore('runtime', (state) => state.runs[name])
  const testing = (version === 'draft' ? draft?.testing : approved?.testing) ?? false
  const report = (version === 'draft' ? draft?.report : approved?.testReport) ?? null
  const error = (version === 'draft' ? draft?.testError : approved?.testError) ?? null

  return (
    <section
      className="flex max-h-[45vh] shrink-0 flex-col gap-2 overflow-y-auto border-b border-line px-5 py-2"
      data-testid="editor-test"
      data-version={version}
      aria-label="Test results"
      aria-busy={testing}
    >
      <div className="flex items-center gap-2 text-sm">
        <FlaskConical size={13} aria-hidden />
        <span>
          Tested: <Badge tone={version === 'draft' ? 'accent' : 'neutral'}>{version}</Badge>{' '}
          <span className="text-muted">{versionWords[version]}</span>
        </span>
        {testing && <span className="text-muted">Testing…</span>}
        {report && !testing && (
          <Badge tone={report.passed ? 'ok' : 'danger'} data-testid="editor-test-outcome">
            {report.passed ? 'passed' : 'failed'}
          </Badge>
        )}
        <button
          type="button"
          aria-label="Close the test results"
          onClick={onClose}
          className="ml-auto rounded p-1 hover:bg-fg/8"
        >
          <X size={13} aria-hidden />
        </button>
      </div>
      {version === 'draft' && workspace.origin !== 'draft' && (
        <p className="text-sm text-muted" data-testid="editor-test-note">
          Your saved draft ran, not the {workspace.origin === 'builtin' ? 'bundled' : 'approved'} version: the
          one clients use keeps running as it was.
        </p>
      )}
      {error && <InlineError>{error}</InlineError>}
      {report && (
        <ul className="flex flex-col gap-1" aria-label="Test checks">
          {report.checks.map((check) => {
            const Icon = icons[check.status]
            return (
              <li
                key={check.id}
                data-testid="editor-test-check"
                data-status={check.status}
                className="flex items-start gap-2 text-sm"
              >
                <Icon
                  size={14}
                  className={`mt-0.5 shrink-0 ${colours[check.status]}`}
                  aria-label={check.status}
                />
                <span className="shrink-0 font-medium">{check.label}</span>
                {check.detail && (
                  <span className="selectable min-w-0 break-words text-muted">{check.detail}</span>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {version === 'draft' && report && !testing && <DraftToolCall name={name} />}
      {version !== 'draft' && (
        <a href={routeHref('skills', name, 'run')} className="text-sm text-accent hover:underline">
          Call a tool of the {version} version
        </a>
      )}
    </section>
  )
}
