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

/** The tray tooltip for a pending-approval count. */
export function trayTooltip(pending: number): string {
  if (pending === 0) return 'SkillDock — no approvals waiting'
  return `SkillDock — ${pending} approval${pending === 1 ? '' : 's'} waiting`
}

/** The tray menu: the count as a shortcut to the inbox, then quick actions. */
export function trayMenu(pending: number, actions: TrayActions): TrayItem[] {
  return [
    {
      label:
        pending === 0
          ? 'No approvals waiting'
          : `Review ${pending} pending approval${pending === 1 ? '' : 's'}…`,
      enabled: pending > 0,
      click: () => actions.show('#/approvals'),
    },
    { type: 'separator' },
    { label: 'Open SkillDock', click: () => actions.show() },
    { label: 'Skills', click: () => actions.show('#/skills') },
    { type: 'separator' },
    { label: 'Quit SkillDock', click: () => actions.quit() },
  ]
}
