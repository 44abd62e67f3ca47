import { join } from 'node:path'
import { Menu, nativeImage, Tray } from 'electron'
import { trayMenu, trayTooltip, type TrayActions, type Waiting } from './trayMenu'

/** The tray icon with the count of what waits for approval; `update` re-renders the count. */
export class AppTray {
  private readonly tray: Tray

  constructor(
    iconsDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(join(iconsDir, 'tray.png')))
    this.tray.on('click', () => actions.show())
    this.update({ skills: 0, calls: 0 })
  }

  update(waiting: Waiting): void {
    if (this.tray.isDestroyed()) return
    const total = waiting.skills + waiting.calls
    this.tray.setToolTip(trayTooltip(waiting))
    // macOS shows a title next to the icon; elsewhere the tooltip and menu carry the count.
    if (process.platform === 'darwin') this.tray.setTitle(total > 0 ? String(total) : '')
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenu(waiting, this.actions)))
  }

  dispose(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy()
  }
}
