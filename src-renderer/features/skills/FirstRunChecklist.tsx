import { CheckCircle2, Circle } from 'lucide-react'
import { useEffect, useState } from 'react'
import type { SkillSummary } from '../../../src-main/contract'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'

interface Step {
  id: 'add' | 'approve' | 'connect'
  title: string
  done: boolean
  detail: string
  href: string
  link: string
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/** The three first-run steps and whether each is done, from what the stores hold. */
export function firstRunSteps(
  skills: readonly SkillSummary[],
  waiting: number,
  clients: ReadonlyArray<{ lastUsedAt: string | null }>,
): Step[] {
  const own = skills.filter((skill) => skill.origin !== 'builtin')
  const approved = own.filter((skill) => skill.state === 'active' || skill.state === 'disabled')
  const connected = clients.filter((client) => client.lastUsedAt !== null)
  return [
    {
      id: 'add',
      title: 'Add skills',
      done: own.length > 0,
      detail:
        own.length > 0
          ? `${counted(own.length, 'skill')} of your own in the library.`
          : 'From a folder, a git repository, an archive or a pasted SKILL.md.',
      href: routeHref('sources'),
      link: 'Open Sources',
    },
    {
      id: 'approve',
      title: 'Approve them',
      done: approved.length > 0 && waiting === 0,
      detail:
        waiting > 0
          ? `${counted(waiting, 'request')} waiting for your decision.`
          : approved.length > 0
            ? `${counted(approved.length, 'skill')} approved.`
            : 'New skills are scanned and wait in the inbox until you approve them.',
      href: routeHref('approvals'),
      link: 'Open Approvals',
    },
    {
      id: 'connect',
      title: 'Connect a client',
      done: connected.length > 0,
      detail:
        connected.length > 0
          ? `${counted(connected.length, 'client')} connected.`
          : clients.length > 0
            ? 'A token exists; waiting for the client’s first connection.'
            : 'Give Claude Code, Cursor, VS Code or Codex a token and paste its configuration.',
      href: routeHref('settings'),
      link: 'Open Settings',
    },
  ]
}

/** The empty detail pane: what to do first, each step ticking itself once it is done. */
export function FirstRunChecklist() {
  const skills = useAppStore('skills', (state) => state.skills)
  const unfiltered = useAppStore('skills', (state) => state.query.trim() === '' && state.filter === 'all')
  const waiting = useAppStore('approvals', (state) => state.pending.length)
  const refreshApprovals = useAppStore('approvals', (state) => state.refresh)
  const clients = useAppStore('endpoint', (state) => state.clients)
  const loadEndpoint = useAppStore('endpoint', (state) => state.load)
  // A search narrows the list; the checklist keeps counting from the last full list.
  const [allSkills, setAllSkills] = useState<readonly SkillSummary[]>(skills)
  if (unfiltered && allSkills !== skills) setAllSkills(skills)

  useEffect(() => {
    void loadEndpoint()
    void refreshApprovals()
  }, [loadEndpoint, refreshApprovals])

  const steps = firstRunSteps(allSkills, waiting, clients)
  const allDone = steps.every((step) => step.done)
  return (
    <section
      className="mx-auto flex max-w-md flex-col gap-3 p-6"
      data-testid="first-run"
      aria-labelledby="first-run-title"
    >
      <h2 id="first-run-title" className="text-lg font-semibold">
        {allDone ? 'You are set up' : 'Get started'}
      </h2>
      <p className="text-sm text-muted">
        {allDone
          ? 'Select a skill to see its instructions, tools and files.'
          : 'Three steps to your skills in your agents. Select a skill on the left to see its instructions, tools and files.'}
      </p>
      <ol className="flex flex-col gap-2">
        {steps.map((step, index) => {
          const Icon = step.done ? CheckCircle2 : Circle
          return (
            <li
              key={step.id}
              data-testid="first-run-step"
              data-step={step.id}
              data-done={step.done}
              className="flex items-start gap-2.5 rounded border border-line p-3"
            >
              <Icon
                size={18}
                className={`mt-0.5 shrink-0 ${step.done ? 'text-ok' : 'text-muted'}`}
                aria-hidden
              />
              <div className="flex min-w-0 flex-1 flex-col gap-0.5">
                <span className="font-medium">
                  {index + 1}. {step.title}
                  <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
                </span>
                <span className="text-sm text-muted">{step.detail}</span>
                <a href={step.href} className="text-sm text-accent hover:underline">
                  {step.link}
                </a>
              </div>
            </li>
          )
        })}
      </ol>
    </section>
  )
}
