import { Download } from 'lucide-react'
import { useState, type FormEvent } from 'react'
import type { AdoptableSkill, ExportTarget, RouteOutput } from '../../../src-main/contract'
import { Dialog } from '../../components/Dialog'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { messageOf } from '../../stores/errors'
import { AgentSelect, targets } from './ExportDialog'
import { ImportResult } from './ImportResult'

/** Imports skills found in an agent's skills folder (not put there by SkillDock) through governance. */
export function AdoptDialog({ onClose }: { onClose: () => void }) {
  const listAdoptable = useAppStore('sources', (state) => state.listAdoptable)
  const adopt = useAppStore('sources', (state) => state.adopt)
  const [target, setTarget] = useState<ExportTarget>('claude-code')
  const [dir, setDir] = useState('')
  const [found, setFound] = useState<AdoptableSkill[] | null>(null)
  const [chosen, setChosen] = useState<Set<string>>(new Set())
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [result, setResult] = useState<RouteOutput<'skills.adopt'> | null>(null)

  const look = async (): Promise<void> => {
    setBusy(true)
    setError(null)
    setFound(null)
    try {
      const skills = await listAdoptable(target, dir.trim() || undefined)
      setFound(skills)
      setChosen(new Set(skills.filter((s) => s.problem === null).map((s) => s.name)))
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (chosen.size === 0) return
    setBusy(true)
    setError(null)
    try {
      setResult(await adopt(target, [...chosen], dir.trim() || undefined))
    } catch (err) {
      setError(messageOf(err))
    } finally {
      setBusy(false)
    }
  }
  const toggle = (name: string): void => {
    const next = new Set(chosen)
    if (next.has(name)) next.delete(name)
    else next.add(name)
    setChosen(next)
  }

  return (
    <Dialog
      titleId="adopt-title"
      title="Adopt from agents"
      testId="adopt-dialog"
      onClose={onClose}
      panelClassName="max-h-[70vh] w-[560px] overflow-y-auto"
      onSubmit={(event) => void submit(event)}
    >
      {result ? (
        <>
          {result.skipped.length > 0 && (
            <ul className="flex flex-col text-sm">
              {result.skipped.map((s) => (
                <li key={s.name} className="text-warn" data-testid="adopt-skipped">
                  skipped {s.name}: {s.reason}
                </li>
              ))}
            </ul>
          )}
          <ImportResult skills={result.adopted} onDone={onClose} />
        </>
      ) : (
        <>
          <p className="text-sm text-muted">
            Imports skills you put in an agent&apos;s skills folder yourself. Each is scanned and waits for
            approval like any new skill; the folder is left as it is.
          </p>
          <AgentSelect
            testId="adopt-target"
            value={target}
            onChange={(chosen) => {
              setTarget(chosen)
              setFound(null)
            }}
          />
          <div className="flex items-end gap-2">
            <label className="flex flex-1 flex-col gap-1 text-sm">
              Folder (optional)
              <input
                data-testid="adopt-dir"
                value={dir}
                onChange={(event) => {
                  setDir(event.target.value)
                  setFound(null)
                }}
                placeholder={targets.find((t) => t.id === target)!.folder}
                className="h-7 rounded border border-line bg-surface px-2 font-mono text-sm"
              />
            </label>
            <button
              type="button"
              data-testid="adopt-look"
              disabled={busy}
              onClick={() => void look()}
              className="h-7 rounded border border-line px-3 hover:bg-fg/8 disabled:opacity-50"
            >
              Look for skills
            </button>
          </div>
          {error && <InlineError>{error}</InlineError>}
          {found && found.length === 0 && (
            <p className="text-sm text-muted" data-testid="adopt-none">
              No skills to adopt in that folder.
            </p>
          )}
          {found && found.length > 0 && (
            <ul className="flex flex-col divide-y divide-line text-sm" data-testid="adopt-list">
              {found.map((skill) => (
                <li key={skill.path} className="flex items-start gap-2 py-1.5" data-testid="adopt-skill">
                  <input
                    type="checkbox"
                    aria-label={`Adopt ${skill.name}`}
                    data-testid="adopt-check"
                    checked={chosen.has(skill.name)}
                    disabled={skill.problem !== null}
                    onChange={() => toggle(skill.name)}
                    className="mt-1"
                  />
                  <div className="flex flex-col">
                    <span className="font-medium">{skill.name}</span>
                    <span className="text-muted">{skill.description}</span>
                    {skill.problem && (
                      <span className="text-warn" data-testid="adopt-problem">
                        {skill.problem}
                      </span>
                    )}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <div className="flex justify-end gap-2">
            <button type="button" onClick={onClose} className="h-7 rounded border border-line px-3">
              Cancel
            </button>
            <button
              type="submit"
              data-testid="adopt-submit"
              disabled={busy || chosen.size === 0 || !found}
              className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
            >
              <Download size={13} aria-hidden />
              {busy && found ? 'Adopting…' : `Adopt ${chosen.size}`}
            </button>
          </div>
        </>
      )}
    </Dialog>
  )
}
