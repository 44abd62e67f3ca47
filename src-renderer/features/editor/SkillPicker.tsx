import { FilePlus2 } from 'lucide-react'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import { Badge } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { navigate, routeHref } from '../../router'
import { useAppStore } from '../../stores/context'

const NAME_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** No skill open: pick one to edit, or start a new one from the template. */
export function SkillPicker() {
  const choices = useAppStore('editor', (state) => state.choices)
  const choicesLoaded = useAppStore('editor', (state) => state.choicesLoaded)
  const loadChoices = useAppStore('editor', (state) => state.loadChoices)
  const create = useAppStore('editor', (state) => state.create)
  const error = useAppStore('editor', (state) => state.error)
  const [filter, setFilter] = useState('')
  const [name, setName] = useState('')
  const [withServer, setWithServer] = useState(true)

  useEffect(() => {
    void loadChoices()
  }, [loadChoices])

  const shown = useMemo(
    () => choices.filter((skill) => skill.name.includes(filter.trim().toLowerCase())),
    [choices, filter],
  )
  const validName = NAME_RE.test(name) && name.length <= 64

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault()
    if (!validName) return
    if (await create(name, withServer)) navigate(routeHref('editor', name))
  }

  return (
    <div className="h-full overflow-y-auto bg-surface">
      <div className="mx-auto flex max-w-3xl flex-col gap-4 px-5 py-4">
        <h2 className="text-xl font-semibold">Editor</h2>
        <p className="text-muted">
          Open a skill to edit its files. Edits are saved as a draft while the approved copy keeps running.
          Submitting the draft for approval replaces that copy: the skill is held (not served to clients)
          until the update is approved, in Approvals or with <code>skilldock approve &lt;id&gt;</code>.
        </p>
        {error && <InlineError>{error}</InlineError>}
        <form
          onSubmit={(event) => void submit(event)}
          className="flex flex-wrap items-end gap-2"
          data-testid="editor-new"
        >
          <label className="flex flex-col gap-1 text-sm font-medium">
            New skill
            <input
              data-testid="editor-new-name"
              value={name}
              onChange={(event) => setName(event.target.value.trim())}
              placeholder="my-skill"
              maxLength={64}
              className="h-7 w-56 rounded border border-line bg-surface px-2 font-mono text-sm font-normal"
            />
          </label>
          <label className="flex h-7 items-center gap-1.5 text-sm">
            <input
              type="checkbox"
              checked={withServer}
              onChange={(event) => setWithServer(event.target.checked)}
            />
            with a skill.py tool server
          </label>
          <button
            type="submit"
            data-testid="editor-new-create"
            disabled={!validName}
            className="inline-flex h-7 items-center gap-1.5 rounded bg-accent px-3 font-medium text-surface disabled:opacity-50"
          >
            <FilePlus2 size={13} aria-hidden />
            Create draft
          </button>
          {name !== '' && !validName && (
            <span className="text-xs text-danger">lowercase letters, digits and single “-” only</span>
          )}
        </form>
        <div className="flex flex-col gap-2">
          <input
            data-testid="editor-skill-filter"
            value={filter}
            onChange={(event) => setFilter(event.target.value)}
            placeholder="Filter skills"
            aria-label="Filter skills"
            className="h-7 rounded border border-line bg-surface px-2 text-sm"
          />
          {!choicesLoaded ? (
            <SkeletonLines count={4} label="Loading skills" />
          ) : (
            <ul className="flex flex-col divide-y divide-line rounded border border-line">
              {shown.map((skill) => (
                <li key={skill.name}>
                  <a
                    href={routeHref('editor', skill.name)}
                    data-testid="editor-skill"
                    data-skill-name={skill.name}
                    className="flex items-center gap-2 px-3 py-1.5 hover:bg-fg/5"
                  >
                    <span className="shrink-0 font-medium whitespace-nowrap">{skill.name}</span>
                    <Badge tone={skill.origin === 'draft' ? 'accent' : 'neutral'}>
                      {skill.origin === 'builtin' ? 'bundled' : skill.origin}
                    </Badge>
                    <span className="min-w-0 truncate text-sm text-muted">{skill.description}</span>
                  </a>
                </li>
              ))}
              {shown.length === 0 && <li className="px-3 py-2 text-sm text-muted">No skills match.</li>}
            </ul>
          )}
        </div>
      </div>
    </div>
  )
}
