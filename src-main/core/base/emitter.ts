/** A minimal typed event emitter; `on` returns the unsubscribe function. */
export class Emitter<M extends Record<string, unknown>> {
  private readonly listeners = new Map<keyof M, Set<(payload: never) => void>>()

  on<K extends keyof M>(name: K, listener: (payload: M[K]) => void): () => void {
    let set = this.listeners.get(name)
    if (!set) this.listeners.set(name, (set = new Set()))
    set.add(listener as (payload: never) => void)
    return () => set.delete(listener as (payload: never) => void)
  }

  /** Listens to every event; used by bridges that forward everything (IPC, SSE). */
  onAny(listener: <K extends keyof M>(name: K, payload: M[K]) => void): () => void {
    const all = (this.anyListeners ??= new Set())
    all.add(listener)
    return () => all.delete(listener)
  }

  emit<K extends keyof M>(name: K, payload: M[K]): void {
    for (const listener of this.listeners.get(name) ?? []) (listener as (p: M[K]) => void)(payload)
    for (const listener of this.anyListeners ?? []) listener(name, payload)
  }

  private anyListeners?: Set<<K extends keyof M>(name: K, payload: M[K]) => void>
}
