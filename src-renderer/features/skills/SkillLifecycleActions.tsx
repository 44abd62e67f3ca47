import { Archive, ArchiveRestore, ArrowUpFromLine } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { SkillDetail } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'

const button =
  'inline-flex h-7 items-center gap-1.5 rounded border border-line px-2.5 text-sm hover:bg-fg/8 disabled:opacity-50'

/** Promote and deprecate (or undeprecate) from the skill page, as `skilldock promote` / `deprecate` do. */
export function SkillLifecycleActions({ detail }: { detail: SkillDetail }) {
  const pending = useAppStore('skillLifecycle', (s) => s.pending)
  const error = useAppStore('skillLifecycle', (s) => s.error)
  const done = useAppStore('skillLifecycle', (s) => s.done)
  const promote = useAppStore('skillLifecycle', (s) => s.promote)
  const deprecate = useAppStore('skillLifecycle', (s) => s.deprecate)
  const undeprecate = useAppStore('skillLifecycle', (s) => s.undeprecate)
  const clear = useAppStore('skillLifecycle', (s) => s.clear)
  const [form, setForm] = useState<{ reason: string; replacement: string } | null>(null)

  // Another skill opened (the header remounts this per skill): the last message belonged to the previous one.
  useEffect(() => clear, [clear])

  const promotable = detail.origin === 'library' && detail.state === 'active'
  return (
    <div className="flex flex-col gap-2" data-testid="skill-lifecycle">
      <div className="flex items-center gap-2">
        {promotable && (
          <button
            type="button"
            data-testid="skill-promote"
            disabled={pending}
            onClick={() => void promote(detail.name)}
            className={button}
            title="Commit this approved skill into the library repository as builtin"
          >
            <ArrowUpFromLine size={13} aria-hidden />
            Promote
          </button>
        )}
        {detail.deprecation ? (
          <button
            type="button"
            data-testid="skill-undeprecate"
            disabled={pending}
            onClick={() => void undeprecate(detail.name)}
            className={button}
          >
            <ArchiveRestore size={13} aria-hidden />
            Undeprecate
          </button>
        ) : (
          <button
            type="button"
            data-testid="skill-deprecate"
            disabled={pending}
            onClick={() => setForm(form ? null : { reason: '', replacement: '' })}
            className={button}
            aria-expanded={form !== null}
          >
            <Archive size={13} aria-hidden />
            Deprecate…
          </button>
        )}
      </div>
      {form && !detail.deprecation && (
        <form
          data-testid="skill-deprecate-form"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault()
            void deprecate(detail.name, form.reason.trim(), form.replacement.trim() || null).then(() =>
              setForm(null),
            )
          }}
        >
          <label className="flex flex-col gap-1 text-sm">
            Reason
            <input
              required
              data-testid="skill-deprecate-reason"
              value={form.reason}
              onChange={(e) => setForm({ ...form, reason: e.target.value })}
              className="rounded border border-line bg-bg px-2 py-1"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            Replacement (optional)
            <input
              data-testid="skill-deprecate-replacement"
              value={form.replacement}
              onChange={(e) => setForm({ ...form, replacement: e.target.value })}
              placeholder="another skill's name"
              className="rounded border border-line bg-bg px-2 py-1"
            />
          </label>
          <button type="submit" data-testid="skill-deprecate-confirm" disabled={pending} className={button}>
            Deprecate
          </button>
        </form>
      )}
      {error && <InlineError>{error}</InlineError>}
      {done && (
        <p className="text-sm text-muted" role="status" data-testid="skill-lifecycle-done">
          {done}
        </p>
      )}
    </div>
  )
}
