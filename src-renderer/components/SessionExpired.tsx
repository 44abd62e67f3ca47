import { KeyRound } from 'lucide-react'

/** Serve mode, full page: the token in this tab is no longer accepted. */
export function SessionExpired() {
  return (
    <main role="alert" className="flex h-screen items-center justify-center bg-app p-6">
      <div className="flex max-w-md flex-col items-center gap-3 text-center">
        <KeyRound size={28} className="text-muted" aria-hidden />
        <h1 className="text-lg font-semibold">Session link expired</h1>
        <p className="text-muted">
          This SkillDock session’s link has expired — open the URL printed by <code>skilldock serve</code>{' '}
          again.
        </p>
      </div>
    </main>
  )
}
