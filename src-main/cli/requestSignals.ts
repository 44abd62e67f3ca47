/**
 * A `fetch` for the bridge's HTTP transport. The SDK hands every request the transport's one
 * long-lived abort signal, and undici keeps a listener on that signal per request until garbage
 * collection: in a long session thousands of them — a MaxListenersExceededWarning on stderr for
 * every further request, and a scan of all of them each time. Here each request gets a signal of its
 * own, tied to the transport's only while the request runs (a JSON answer: until it arrived; an event
 * stream: until it ends), so closing the transport still aborts whatever is in flight.
 */
export function perRequestSignals(base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const outer = init?.signal
    if (!outer) return base(input, init)
    const own = new AbortController()
    const abort = (): void => own.abort(outer.reason)
    const release = (): void => outer.removeEventListener('abort', abort)
    if (outer.aborted) abort()
    else outer.addEventListener('abort', abort, { once: true })
    let response: Response
    try {
      response = await base(input, { ...init, signal: own.signal })
    } catch (err) {
      release()
      throw err
    }
    if (!response.body || !response.headers.get('content-type')?.includes('text/event-stream')) {
      release()
      return response
    }
    const body = response.body.pipeThrough(new TransformStream({ flush: release }))
    return new Response(body, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    })
  }
}
