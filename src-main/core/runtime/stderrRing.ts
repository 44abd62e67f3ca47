/** Keeps the last lines a process wrote, each cut to a maximum length, so memory stays bounded. */
export class StderrRing {
  private readonly lines: string[] = []
  private partial = ''
  private partialTruncated = false

  constructor(
    private readonly maxLines = 200,
    private readonly maxLineLength = 2000,
    private readonly onLine: (line: string) => void = () => {},
  ) {}

  push(chunk: string): void {
    let rest = chunk
    for (;;) {
      const newline = rest.indexOf('\n')
      if (newline === -1) {
        this.appendPartial(rest)
        return
      }
      this.appendPartial(rest.slice(0, newline))
      this.flush()
      rest = rest.slice(newline + 1)
    }
  }

  /** The most recent lines, oldest first. */
  tail(count = this.maxLines): string[] {
    const current = this.partial ? [this.partial + (this.partialTruncated ? '…' : '')] : []
    return [...this.lines, ...current].slice(-count)
  }

  private appendPartial(text: string): void {
    const room = this.maxLineLength - this.partial.length
    if (text.length > room) {
      this.partial += text.slice(0, Math.max(0, room))
      this.partialTruncated = true
    } else {
      this.partial += text
    }
  }

  private flush(): void {
    const line = this.partial.replace(/\r$/, '') + (this.partialTruncated ? ' … (line cut)' : '')
    this.partial = ''
    this.partialTruncated = false
    this.lines.push(line)
    if (this.lines.length > this.maxLines) this.lines.shift()
    this.onLine(line)
  }
}
