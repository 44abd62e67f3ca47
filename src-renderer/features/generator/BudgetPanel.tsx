import { useEffect } from 'react'
import type { LlmBudget } from '../../../src-main/contract'
import { formatDateTime } from '../../components/time'
import { useAppStore } from '../../stores/context'

const tokens = (n: number) => n.toLocaleString('en-US')

/** One budget line: what was spent against a limit, with a bar that turns red when it is spent. */
function BudgetRow({ id, label, used, limit }: { id: string; label: string; used: number; limit: number }) {
  const share = limit > 0 ? Math.min(1, used / limit) : 0
  const spent = used >= limit
  return (
    <li className="flex flex-col gap-1" data-testid={`budget-${id}`}>
      <div className="flex items-baseline justify-between text-sm">
        <span>{label}</span>
        <span className={spent ? 'font-medium text-danger' : 'text-muted'}>
          {tokens(used)} of {tokens(limit)} tokens{spent ? ' — spent' : ''}
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={`${label}: ${tokens(used)} of ${tokens(limit)} tokens`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={Math.min(used, limit)}
        className="h-1.5 overflow-hidden rounded bg-line"
      >
        <div
          className={`h-full ${spent ? 'bg-danger' : share > 0.8 ? 'bg-warn' : 'bg-accent'}`}
          style={{ width: `${share * 100}%` }}
        />
      </div>
    </li>
  )
}

function LastRequest({ last, perRequest }: { last: LlmBudget['last']; perRequest: number }) {
  return (
    <li className="flex items-baseline justify-between text-sm" data-testid="budget-request">
      <span>Per request</span>
      <span className="text-muted">
        limit {tokens(perRequest)} tokens
        {last
          ? ` · last: ${tokens(last.tokens)} (${last.purpose}, ${formatDateTime(last.at)})`
          : ' · no model request yet'}
      </span>
    </li>
  )
}

/** The model budgets (per request, daily, monthly) and what has been spent; changed in Settings or `skilldock llm set`. */
export function BudgetPanel() {
  const load = useAppStore('budget', (state) => state.load)
  const budget = useAppStore('budget', (state) => state.budget)
  const error = useAppStore('budget', (state) => state.error)

  useEffect(() => {
    void load()
  }, [load])

  return (
    <section
      className="flex flex-col gap-2 border-t border-line pt-3"
      aria-labelledby="generator-budgets"
      data-testid="budgets"
    >
      <h3 id="generator-budgets" className="text-xs font-semibold tracking-wide text-muted uppercase">
        Model budgets
      </h3>
      {error && <p className="text-sm text-muted">Budgets are not available: {error}</p>}
      {budget && (
        <ul className="flex flex-col gap-2">
          <LastRequest last={budget.last} perRequest={budget.perRequest} />
          <BudgetRow id="daily" label="Today" used={budget.usedToday} limit={budget.daily} />
          <BudgetRow id="monthly" label="This month" used={budget.usedThisMonth} limit={budget.monthly} />
        </ul>
      )}
    </section>
  )
}
