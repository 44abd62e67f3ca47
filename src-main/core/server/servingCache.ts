/**
 * How long a value that also depends on the machine (programs on PATH, environment variables)
 * may be reused: a skill whose required program was just installed shows up within this time.
 */
export const HOST_TTL_MS = 1000

/**
 * Values the endpoint derives on every request (which skills a client reaches, its direct-mode
 * tool table), kept while `version()` stays the same (no connection wrote to the database),
 * `invalidate()` was not called (a `skills.changed` event) and they are younger than `ttlMs`.
 * Keys are few (one per client and mode), so nothing is ever evicted but by these rules.
 */
export class ServingCache<T> {
  private readonly entries = new Map<string, { version: string; at: number; value: T }>()
  private generation = 0

  constructor(
    private readonly version: () => string,
    private readonly ttlMs = HOST_TTL_MS,
  ) {}

  get(key: string, compute: () => T): T {
    const version = `${this.generation}:${this.version()}`
    const now = performance.now()
    const hit = this.entries.get(key)
    if (hit && hit.version === version && now - hit.at < this.ttlMs) return hit.value
    const value = compute()
    this.entries.set(key, { version, at: now, value })
    return value
  }

  invalidate(): void {
    this.generation++
    this.entries.clear()
  }
}
