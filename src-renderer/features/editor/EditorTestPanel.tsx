import { CircleCheck, CircleMinus, CircleX, FlaskConical, X } from 'lucide-react'
import type { SkillWorkspace } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { routeHref } from '../../router'
import { useRuntimeStore } from '../../stores/context'

const icons = { pass: CircleCheck, fail: CircleX, skip: CircleMinus } as const
const colours = { pass: 'text-ok', fail: 'text-danger', skip: 'text-muted' } as const

/**
 * Which copy `skilldock test` runs for this workspace: a new skill is itself the draft (its saved
 * files); an approved or bundled skill runs as approved — its draft copy runs only once approved.
 */
export function testedVersion(workspace: SkillWorkspace): 'draft' | 'approved' | 'bundled' {
  if (workspace.origin === 'draft') return 'draft'
  return workspace.origin === 'builtin' ? 'bundled' : 'approved'
}

const versionWords = {
  draft: 'the draft as saved',
  approved: 'the approved version',
  bundled: 'the bundled version',
} as const

/**
 * The editor's test: `skilldock test` (manifest, syntax, server handshake, declared vs served
 * tools, and the tool calls of examples.json) against the version it can run, labelled with it.
 */
export function EditorTestPanel({ workspace, onClose }: { workspace: SkillWorkspace; onClose: () => void }) {
  const name = workspace.name
  const testing = useRuntimeStore((state) => state.runs[name]?.testing ?? false)
  const report = useRuntimeStore((state) => state.runs[name]?.testReport ?? null)
  const error = useRuntimeStore((state) => state.runs[name]?.testError ?? null)
  const version = testedVersion(workspace)
  const editsLeftOut = version !== 'draft' && workspace.hasDraft

  return (
    <section
      className="flex flex-col gap-2 border-b border-line px-5 py-2"
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
      {editsLeftOut && (
        <p className="text-sm text-warn" data-testid="editor-test-note">
          Your draft edits are not in this run: a draft of an approved skill runs only once it is approved.
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
      {version !== 'draft' && (
        <a href={routeHref('skills', name, 'run')} className="text-sm text-accent hover:underline">
          Call a tool of the {version} version
        </a>
      )}
    </section>
  )
}
