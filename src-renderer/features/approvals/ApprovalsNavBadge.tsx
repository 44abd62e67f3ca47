import { useEffect } from 'react'
import { useAppStore } from '../../stores/context'

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/** What the badge counts, in words: "3 waiting: 2 skills, 1 call". */
export function waitingLabel(skills: number, calls: number): string {
  const parts = [skills > 0 && counted(skills, 'skill'), calls > 0 && counted(calls, 'call')].filter(Boolean)
  return `${skills + calls} waiting: ${parts.join(', ')}`
}

/**
 * The rail's Approvals count: skill approval requests plus tool calls held by a requires_approval
 * policy, both waiting for a person. Events keep both stores current.
 */
export function ApprovalsNavBadge() {
  const skills = useAppStore('approvals', (state) => state.pending.length)
  const refresh = useAppStore('approvals', (state) => state.refresh)
  const calls = useAppStore('policies', (state) => state.pendingCalls.length)
  const loadCalls = useAppStore('policies', (state) => state.loadCalls)

  useEffect(() => {
    void refresh()
    void loadCalls()
  }, [refresh, loadCalls])

  const total = skills + calls
  if (total === 0) return null
  const label = waitingLabel(skills, calls)
  return (
    <>
      <span
        data-testid="nav-approvals-count"
        aria-hidden
        title={label}
        className="absolute top-0.5 right-1.5 min-w-4 rounded-full bg-danger px-1 text-center text-[10px] leading-4 font-semibold text-surface tabular-nums"
      >
        {total > 99 ? '99+' : total}
      </span>
      {/* The entry's items are blocks, so its name reads "Approvals (3 waiting: …)". */}
      <span className="sr-only">({label})</span>
    </>
  )
}
