import type { Handlers } from './dispatch'

/**
 * The one shape of a core module (docs/ARCHITECTURE.md §5): `createXModule(deps)` returns the route
 * handlers it serves and, when it holds processes, timers, watchers or connections, `dispose`.
 * Services other modules need are returned beside them.
 */
export interface CoreModule {
  handlers: Partial<Handlers>
  dispose?: () => void | Promise<void>
}

/**
 * A value built after the module that needs it, where two modules really need each other (the
 * runtime asks the approval inbox about served tools; the inbox asks the runtime for them). Reading
 * it before `set` is a wiring bug, so it throws instead of returning undefined.
 */
export interface LateBound<T> {
  get(): T
  set(value: T): T
}

export function lateBound<T>(what: string): LateBound<T> {
  let value: { current: T } | null = null
  return {
    get: () => {
      if (value === null) throw new Error(`${what} was used before createCore built it`)
      return value.current
    },
    set: (current) => {
      if (value !== null) throw new Error(`${what} was bound twice`)
      value = { current }
      return current
    },
  }
}
