import { describe, expect, it, vi } from 'vitest'
import type { Result } from '../../../../src-main/contract'
import { BridgeError, createApiClient, type SkillDockBridge } from '../../../../src-renderer/api/client'
import { TOKEN_STORAGE_KEY } from '../../../../src-renderer/api/sessionToken'

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial))
  return {
    values,
    getItem: (key: string) => values.get(key) ?? null,
    setItem: (key: string, value: string) => void values.set(key, value),
  }
}

function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

function httpClient(options: { hash?: string; stored?: Record<string, string>; answer?: () => Response }) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) =>
    (options.answer ?? (() => jsonResponse({ ok: true, data: [] })))(),
  )
  const history = { replaceState: vi.fn() }
  const storage = memoryStorage(options.stored)
  const location = { hash: options.hash ?? '', pathname: '/', search: '?x=1' }
  const client = createApiClient({ fetch, history, storage, location })
  return { client, fetch, history, storage }
}

describe('api client over HTTP (serve mode)', () => {
  it('takes the token from the URL, keeps it in session storage and strips it from the address bar', () => {
    const { client, history, storage } = httpClient({ hash: '#token=abc123' })
    expect(client.transport).toBe('http')
    expect(storage.values.get(TOKEN_STORAGE_KEY)).toBe('abc123')
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/?x=1')
  })

  it('by default reads and cleans the real address bar and session storage', () => {
    window.history.replaceState(null, '', '/app?v=2#token=fromurl')
    createApiClient({ fetch: vi.fn() })
    expect(window.location.hash).toBe('')
    expect(window.location.pathname + window.location.search).toBe('/app?v=2')
    expect(window.sessionStorage.getItem(TOKEN_STORAGE_KEY)).toBe('fromurl')
  })

  it('posts the JSON input to /api/invoke/<route> with the bearer token', async () => {
    const { client, fetch } = httpClient({ hash: '#token=abc123' })
    await client.invoke('skills.list', { query: 'pdf' })
    expect(fetch).toHaveBeenCalledTimes(1)
    const [url, init] = fetch.mock.calls[0] ?? []
    expect(url).toBe('/api/invoke/skills.list')
    expect(init?.method).toBe('POST')
    expect(init?.headers).toMatchObject({
      Authorization: 'Bearer abc123',
      'Content-Type': 'application/json',
    })
    expect(JSON.parse(String(init?.body))).toEqual({ query: 'pdf' })
  })

  it('uses the stored token after a reload, without touching the URL', async () => {
    const { client, fetch, history } = httpClient({ stored: { [TOKEN_STORAGE_KEY]: 'kept' } })
    await client.invoke('app.info', {})
    expect(history.replaceState).not.toHaveBeenCalled()
    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({ Authorization: 'Bearer kept' })
  })

  it('resolves with data on {ok:true}', async () => {
    const info = { version: '0.1.0', home: '/data', skillCount: 3 }
    const { client } = httpClient({ hash: '#token=t', answer: () => jsonResponse({ ok: true, data: info }) })
    await expect(client.invoke('app.info', {})).resolves.toEqual(info)
  })

  it('throws a BridgeError with code and message on {ok:false}', async () => {
    const { client } = httpClient({
      hash: '#token=t',
      answer: () =>
        jsonResponse({ ok: false, error: { code: 'NOT_FOUND', message: 'No skill named "nope".' } }, 404),
    })
    const error = await client.invoke('skills.get', { name: 'nope' }).catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(BridgeError)
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'No skill named "nope".' })
  })

  it('reports an expired session on HTTP 401 and tells listeners', async () => {
    const { client } = httpClient({ hash: '#token=old', answer: () => new Response('', { status: 401 }) })
    const onUnauthorized = vi.fn()
    client.onUnauthorized(onUnauthorized)
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({ code: 'UNAUTHORIZED' })
    await expect(client.invoke('app.info', {})).rejects.toThrow(/link has expired/)
    expect(onUnauthorized).toHaveBeenCalledTimes(1)
  })

  it('turns a network failure into a BridgeError that says what to do', async () => {
    const fetch = vi.fn(async () => {
      throw new TypeError('Failed to fetch')
    })
    const client = createApiClient({
      fetch,
      history: { replaceState: vi.fn() },
      storage: memoryStorage(),
      location: { hash: '', pathname: '/', search: '' },
    })
    await expect(client.invoke('app.info', {})).rejects.toMatchObject({
      code: 'INTERNAL',
      message: expect.stringContaining('skilldock serve'),
    })
  })

  it('streams events from /api/events with the token and stops when the last listener leaves', async () => {
    const encoder = new TextEncoder()
    let signal: AbortSignal | undefined
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      expect(url).toBe('/api/events')
      signal = init?.signal ?? undefined
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(encoder.encode(': hello\n\nevent: skills.changed\ndata: {"names":'))
          controller.enqueue(encoder.encode('["pdf"]}\n\n'))
        },
      })
      return new Response(body, { status: 200, headers: { 'Content-Type': 'text/event-stream' } })
    })
    const client = createApiClient({
      fetch,
      history: { replaceState: vi.fn() },
      storage: memoryStorage(),
      location: { hash: '#token=t', pathname: '/', search: '' },
    })
    const received = await new Promise<unknown>((resolve) => {
      const off = client.on('skills.changed', (payload) => {
        off()
        resolve(payload)
      })
    })
    expect(received).toEqual({ names: ['pdf'] })
    expect(fetch.mock.calls[0]?.[1]?.headers).toMatchObject({ Authorization: 'Bearer t' })
    expect(signal?.aborted).toBe(true)
  })
})

describe('api client over IPC (desktop)', () => {
  it('uses the preload bridge when present and unwraps results', async () => {
    const results: Record<string, Result<unknown>> = {
      'skills.list': { ok: true, data: [] },
      'skills.get': { ok: false, error: { code: 'INVALID_INPUT', message: 'name is required' } },
    }
    const bridge: SkillDockBridge = {
      invoke: vi.fn(
        async (route: string): Promise<Result<unknown>> => results[route] ?? { ok: true, data: null },
      ),
      on: vi.fn(() => () => {}),
    }
    const fetch = vi.fn()
    const client = createApiClient({ bridge, fetch })
    expect(client.transport).toBe('ipc')
    await expect(client.invoke('skills.list', { query: 'x' })).resolves.toEqual([])
    expect(bridge.invoke).toHaveBeenCalledWith('skills.list', { query: 'x' })
    await expect(client.invoke('skills.get', { name: '' })).rejects.toMatchObject({
      name: 'BridgeError',
      code: 'INVALID_INPUT',
      message: 'name is required',
    })
    expect(fetch).not.toHaveBeenCalled()
  })
})
