import type { z } from 'zod'
import type { Result } from '../contract/errors'
import { type Route, routes, type RouteName, type Routes } from '../contract/routes'
import { AppError } from './base/appError'

/** One handler per route of a route map; a route without a handler does not compile. */
export type RouteHandlers<M extends Record<string, Route>> = {
  [N in keyof M]: (
    input: z.infer<M[N]['input']>,
  ) => Promise<z.infer<M[N]['output']>> | z.infer<M[N]['output']>
}

/** The core's handlers (the desktop shell answers contract/desktop.ts with RouteHandlers too). */
export type Handlers = RouteHandlers<Routes>

export function isRouteName(name: string): name is RouteName {
  return Object.prototype.hasOwnProperty.call(routes, name)
}

/**
 * Validates the raw input of a route, runs its handler and never throws:
 * every failure becomes `{ ok: false, error }` so it survives IPC and HTTP intact.
 */
export function dispatch(handlers: Handlers, name: string, raw: unknown): Promise<Result<unknown>> {
  return dispatchRoute(routes, handlers, name, raw)
}

/** `dispatch` over any route map: unknown names are NOT_FOUND, bad input INVALID_INPUT, throws AppErrors. */
export async function dispatchRoute<M extends Record<string, Route>>(
  map: M,
  handlers: RouteHandlers<M>,
  name: string,
  raw: unknown,
): Promise<Result<unknown>> {
  if (!Object.prototype.hasOwnProperty.call(map, name)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown route "${name}".` } }
  }
  const parsed = (map[name] as Route).input.safeParse(raw ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
    // The person reads the message: it names the fields they gave, never the internal route.
    const said = parsed.error.issues.map((i) => `${fieldWords(i.path)} ${lowerFirst(i.message)}`)
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `Please check what you entered: ${said.join('; ')}. Correct ${said.length === 1 ? 'it' : 'them'} and try again.`,
        details: { issues, route: name },
      },
    }
  }
  try {
    const handler = handlers[name] as (input: unknown) => unknown
    return { ok: true, data: await handler(parsed.data) }
  } catch (err) {
    return { ok: false, error: AppError.from(err).toJSON() }
  }
}

/** `files.0.path` → "the path of item 1 of files"; `[]` → "the input". */
function fieldWords(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'the input:'
  const parts = path.map((p) =>
    typeof p === 'number'
      ? `item ${p + 1}`
      : String(p)
          .replace(/([a-z])([A-Z])/g, '$1 $2')
          .toLowerCase(),
  )
  return `${parts.reverse().join(' of ')}:`
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
