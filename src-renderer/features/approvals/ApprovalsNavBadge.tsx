import { useEffect } from 'react'
import { useApprovalsStore } from '../../stores/context'

/** The pending-request count on the rail's Approvals entry; events keep it current. */
export function ApprovalsNavBadge() {
  const count = useApprovalsStore((state) => state.pending.length)
  const loaded = useApprovalsStore((state) => state.listLoaded)
  const refresh = useApprovalsStore((state) => state.refresh)

  useEffect(() => {
    void refresh()
  }, [refresh])

  if (!loaded || count === 0) return null
  return (
    <>
      <span
        data-testid="nav-approvals-count"
        aria-hidden
        className="absolute top-0.5 right-1.5 min-w-4 rounded-full bg-danger px-1 text-center text-[10px] leading-4 font-semibold text-surface tabular-nums"
      >
        {count > 99 ? '99+' : count}
      </span>
      <span className="sr-only">, {count} pending</span>
    </>
  )
}
