import { join } from 'node:path'
import { Menu, nativeImage, Tray } from 'electron'
import { trayMenu, trayTooltip, type TrayActions } from './trayMenu'

/** The tray icon with the pending-approval count; `update` re-renders the count. */
export class AppTray {
  private readonly tray: Tray

  constructor(
    iconsDir: string,
    private readonly actions: TrayActions,
  ) {
    this.tray = new Tray(nativeImage.createFromPath(join(iconsDir, 'tray.png')))
    this.tray.on('click', () => actions.show())
    this.update(0)
  }

  update(pending: number): void {
    if (this.tray.isDestroyed()) return
    this.tray.setToolTip(trayTooltip(pending))
    // macOS shows a title next to the icon; elsewhere the tooltip and menu carry the count.
    if (process.platform === 'darwin') this.tray.setTitle(pending > 0 ? String(pending) : '')
    this.tray.setContextMenu(Menu.buildFromTemplate(trayMenu(pending, this.actions)))
  }

  dispose(): void {
    if (!this.tray.isDestroyed()) this.tray.destroy()
  }
}
