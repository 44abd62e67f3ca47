import { CircleCheck, CircleMinus, CircleX, FlaskConical } from 'lucide-react'
import type { SkillTestCheck } from '../../../src-main/contract'
import { Badge } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'

const icons = { pass: CircleCheck, fail: CircleX, skip: CircleMinus } as const
const colours = { pass: 'text-ok', fail: 'text-danger', skip: 'text-muted' } as const

/** "Run tests": manifest, syntax, handshake, declared vs served tools and the skill's examples. */
export function TestReport({ name }: { name: string }) {
  const testing = useAppStore('runtime', (state) => state.runs[name]?.testing ?? false)
  const report = useAppStore('runtime', (state) => state.runs[name]?.testReport ?? null)
  const error = useAppStore('runtime', (state) => state.runs[name]?.testError ?? null)
  const runTests = useAppStore('runtime', (state) => state.runTests)

  return (
    <div className="flex flex-col gap-2" aria-busy={testing}>
      <div className="flex items-center gap-2">
        <button
          type="button"
          data-testid="run-tests"
          disabled={testing}
          onClick={() => void runTests(name)}
          className="inline-flex h-6 items-center gap-1 rounded border border-line bg-surface px-2 text-sm hover:bg-fg/6 disabled:opacity-50"
        >
          <FlaskConical size={12} aria-hidden />
          {testing ? 'Testing…' : 'Run tests'}
        </button>
        {report && !testing && (
          <Badge tone={report.passed ? 'ok' : 'danger'} data-testid="test-outcome">
            {report.passed ? 'passed' : 'failed'}
          </Badge>
        )}
      </div>
      {error && <InlineError>{error}</InlineError>}
      {report && (
        <ul className="flex flex-col gap-1" aria-label="Test checks">
          {report.checks.map((check) => (
            <CheckRow key={check.id} check={check} />
          ))}
        </ul>
      )}
    </div>
  )
}

function CheckRow({ check }: { check: SkillTestCheck }) {
  const Icon = icons[check.status]
  return (
    <li data-testid="test-check" data-status={check.status} className="flex items-start gap-2 text-sm">
      <Icon size={14} className={`mt-0.5 shrink-0 ${colours[check.status]}`} aria-label={check.status} />
      <span className="shrink-0 font-medium">{check.label}</span>
      {check.detail && <span className="selectable min-w-0 break-words text-muted">{check.detail}</span>}
    </li>
  )
}
