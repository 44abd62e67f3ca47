import type { Result } from '../contract'

/** A tray menu entry, in Electron's MenuItemConstructorOptions shape (the subset used). */
export interface TrayItem {
  label?: string
  type?: 'separator' | 'normal'
  enabled?: boolean
  click?: () => void
}

export interface TrayActions {
  show: (route?: string) => void
  quit: () => void
}

/** What waits for a person: skill approval requests and tool calls held by a policy. */
export interface Waiting {
  skills: number
  calls: number
}

/** The core's route dispatcher, as the desktop shell holds it (`core.invoke`). */
export type InvokeRoute = (route: string, input: unknown) => Promise<Result<unknown>>

/**
 * Reads what waits for a person, for the tray. A list that cannot be read counts as empty: the
 * tray is a hint, the Approvals page is where it is decided.
 */
export async function readWaiting(invoke: InvokeRoute): Promise<Waiting> {
  const count = async (route: string): Promise<number> => {
    const result = await invoke(route, { status: 'pending' })
    return result.ok && Array.isArray(result.data) ? result.data.length : 0
  }
  const [skills, calls] = await Promise.all([count('approvals.list'), count('calls.list')])
  return { skills, calls }
}

const counted = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

/** " (2 skills, 1 call)" once calls are held; nothing when only skills wait (the count says it all). */
function breakdown({ skills, calls }: Waiting): string {
  if (calls === 0) return ''
  return ` (${[skills > 0 && counted(skills, 'skill'), counted(calls, 'call')].filter(Boolean).join(', ')})`
}

/** The tray tooltip for what waits for approval. */
export function trayTooltip(waiting: Waiting): string {
  const total = waiting.skills + waiting.calls
  if (total === 0) return 'SkillDock — no approvals waiting'
  return `SkillDock — ${counted(total, 'approval')} waiting${breakdown(waiting)}`
}

/** The tray menu: the count as a shortcut to the inbox, then quick actions. */
export function trayMenu(waiting: Waiting, actions: TrayActions): TrayItem[] {
  const total = waiting.skills + waiting.calls
  return [
    {
      label:
        total === 0
          ? 'No approvals waiting'
          : `Review ${total} pending approval${total === 1 ? '' : 's'}${breakdown(waiting)}…`,
      enabled: total > 0,
      click: () => actions.show('#/approvals'),
    },
    { type: 'separator' },
    { label: 'Open SkillDock', click: () => actions.show() },
    { label: 'Skills', click: () => actions.show('#/skills') },
    { type: 'separator' },
    { label: 'Quit SkillDock', click: () => actions.quit() },
  ]
}
