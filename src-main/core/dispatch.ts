import type { z } from 'zod'
import type { Result } from '../contract/errors'
import { routes, type RouteName, type RouteOutput, type Routes } from '../contract/routes'
import { AppError } from './base/appError'

/** One handler per route; a route without a handler does not compile. */
export type Handlers = {
  [N in RouteName]: (input: z.infer<Routes[N]['input']>) => Promise<RouteOutput<N>> | RouteOutput<N>
}

export function isRouteName(name: string): name is RouteName {
  return Object.prototype.hasOwnProperty.call(routes, name)
}

/**
 * Validates the raw input of a route, runs its handler and never throws:
 * every failure becomes `{ ok: false, error }` so it survives IPC and HTTP intact.
 */
export async function dispatch(handlers: Handlers, name: string, raw: unknown): Promise<Result<unknown>> {
  if (!isRouteName(name)) {
    return { ok: false, error: { code: 'NOT_FOUND', message: `Unknown route "${name}".` } }
  }
  const parsed = routes[name].input.safeParse(raw ?? {})
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`)
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `Invalid input for ${name}: ${issues.join('; ')}`,
        details: { issues },
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
