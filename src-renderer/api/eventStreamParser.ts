/** One message of a `text/event-stream`. */
export interface ServerSentEvent {
  event: string
  data: string
}

/**
 * Incremental parser for the SSE wire format: feed it decoded text chunks as they arrive and it
 * returns every message completed so far. Comments (`: ping`) and `id:`/`retry:` are ignored.
 */
export class EventStreamParser {
  private buffer = ''
  private event = ''
  private data: string[] = []

  push(chunk: string): ServerSentEvent[] {
    this.buffer += chunk
    const messages: ServerSentEvent[] = []
    let newline = this.buffer.search(/\r\n|\r|\n/)
    while (newline !== -1) {
      // A lone '\r' at the end of the buffer may be the first half of '\r\n': wait for more.
      if (this.buffer[newline] === '\r' && newline === this.buffer.length - 1) break
      const line = this.buffer.slice(0, newline)
      const width = this.buffer.startsWith('\r\n', newline) ? 2 : 1
      this.buffer = this.buffer.slice(newline + width)
      const message = this.takeLine(line)
      if (message) messages.push(message)
      newline = this.buffer.search(/\r\n|\r|\n/)
    }
    return messages
  }

  private takeLine(line: string): ServerSentEvent | null {
    if (line === '') {
      const message =
        this.data.length > 0 ? { event: this.event || 'message', data: this.data.join('\n') } : null
      this.event = ''
      this.data = []
      return message
    }
    if (line.startsWith(':')) return null
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    const value = colon === -1 ? '' : line.slice(colon + 1).replace(/^ /, '')
    if (field === 'event') this.event = value
    else if (field === 'data') this.data.push(value)
    return null
  }
}
