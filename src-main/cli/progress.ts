import type { Core } from '../core/app'

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']

interface ProgressPayload {
  current?: number
  total?: number
  stage?: string
  message?: string
}

/**
 * A progress line on an interactive stderr for work that takes longer than a second: a bar when
 * the core reports `*.progress` events with totals, a spinner otherwise. Nothing when not a TTY.
 */
export class ProgressLine {
  private timer: NodeJS.Timeout | null = null
  private frame = 0
  private latest: ProgressPayload = {}
  private shown = false
  private unsubscribe: () => void = () => {}

  constructor(
    private readonly write: (text: string) => void,
    private readonly label: string,
    private readonly width = 80,
  ) {}

  start(core: Pick<Core, 'events'>): void {
    this.unsubscribe = core.events.onAny((name, payload) => {
      if (String(name).endsWith('.progress')) this.latest = payload as ProgressPayload
    })
    this.timer = setTimeout(() => {
      this.shown = true
      this.timer = setInterval(() => this.render(), 100)
    }, 1000)
  }

  private render(): void {
    const { current, total, stage, message } = this.latest
    const text = stage ?? message ?? this.label
    let line: string
    if (typeof current === 'number' && typeof total === 'number' && total > 0) {
      const ratio = Math.min(1, current / total)
      const bar = '█'.repeat(Math.round(ratio * 20)).padEnd(20, '░')
      line = `${bar} ${Math.round(ratio * 100)}% ${text}`
    } else {
      line = `${FRAMES[this.frame++ % FRAMES.length]} ${text}`
    }
    this.write(`\r\x1b[2K${line.slice(0, this.width - 1)}`)
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.unsubscribe()
    if (this.shown) this.write('\r\x1b[2K')
  }
}
