import { type FSWatcher, watch } from 'node:fs'
import type { Disposable } from '../base/disposable'
import type { Logger } from '../base/logger'

/**
 * Watches skill folders and calls back (debounced) when anything in them changes, so edits made
 * outside SkillDock are noticed while the app runs. Where recursive watching is not supported,
 * changes are still caught at the next re-index and before every server start.
 */
export class FolderWatcher implements Disposable {
  private readonly watchers: FSWatcher[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    dirs: string[],
    private readonly onChange: () => void,
    private readonly logger: Logger,
    private readonly debounceMs = 400,
  ) {
    for (const dir of dirs) {
      try {
        const watcher = watch(dir, { recursive: true, persistent: false }, (_event, file) => {
          if (
            typeof file === 'string' &&
            (file.startsWith('.git') || file.includes('/.git/') || file.startsWith('.staging-'))
          )
            return
          this.schedule()
        })
        watcher.on('error', (err) =>
          this.logger.log('warn', 'folder watcher failed', { dir, error: String(err) }),
        )
        this.watchers.push(watcher)
      } catch (err) {
        this.logger.log('warn', 'cannot watch folder', { dir, error: String(err) })
      }
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = setTimeout(() => {
      this.timer = null
      this.onChange()
    }, this.debounceMs)
    this.timer.unref()
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer)
    for (const w of this.watchers) w.close()
  }
}
