import { EventStreamParser, type ServerSentEvent } from './eventStreamParser'

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>

export interface EventStreamOptions {
  fetch: FetchLike
  url: string
  headers: () => Record<string, string>
  onEvent: (message: ServerSentEvent) => void
  /** The server refused the token; the stream stops for good. */
  onUnauthorized: () => void
  /** The stream came back after a drop: events may have been missed, so refresh what is shown. */
  onReconnect?: () => void
  /** Milliseconds to wait before reconnect attempt `attempt` (0-based, reset after a successful open). */
  backoff?: (attempt: number) => number
}

export interface EventStream {
  close(): void
}

const defaultBackoff = (attempt: number): number => Math.min(1000 * 2 ** attempt, 30_000)

/**
 * Reads a `text/event-stream` with fetch (EventSource cannot send an Authorization header) and
 * reconnects with exponential backoff whenever the stream fails or ends, until closed.
 */
export function openEventStream(options: EventStreamOptions): EventStream {
  const backoff = options.backoff ?? defaultBackoff
  let closed = false
  let attempt = 0
  let opened = 0
  let controller: AbortController | null = null
  let timer: ReturnType<typeof setTimeout> | null = null

  const connect = async (): Promise<void> => {
    controller = new AbortController()
    try {
      const response = await options.fetch(options.url, {
        headers: { ...options.headers(), Accept: 'text/event-stream' },
        cache: 'no-store',
        signal: controller.signal,
      })
      if (response.status === 401 || response.status === 403) {
        closed = true
        options.onUnauthorized()
        return
      }
      if (!response.ok || !response.body) throw new Error(`event stream answered HTTP ${response.status}`)
      attempt = 0
      opened += 1
      if (opened > 1) options.onReconnect?.()
      await pump(response.body, options.onEvent, () => closed)
    } catch {
      // A dropped connection or an abort: handled below by reconnecting unless closed.
    }
    if (!closed) {
      timer = setTimeout(() => void connect(), backoff(attempt))
      attempt += 1
    }
  }

  void connect()
  return {
    close() {
      closed = true
      if (timer !== null) clearTimeout(timer)
      controller?.abort()
    },
  }
}

async function pump(
  body: ReadableStream<Uint8Array>,
  onEvent: (message: ServerSentEvent) => void,
  isClosed: () => boolean,
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  const parser = new EventStreamParser()
  try {
    for (;;) {
      const { value, done } = await reader.read()
      if (done || isClosed()) return
      for (const message of parser.push(decoder.decode(value, { stream: true }))) onEvent(message)
    }
  } finally {
    reader.releaseLock()
  }
}
