/** Something that holds resources and releases them on dispose. */
export interface Disposable {
  dispose(): void | Promise<void>
}

/** Holds disposables and releases them in reverse order of registration. */
export class DisposableStore implements Disposable {
  private readonly items: Disposable[] = []
  private disposed = false

  /** `onFailure` hears of every disposable that threw (to log it); the store still releases the rest. */
  constructor(private readonly onFailure: (error: unknown) => void) {}

  add<T extends Disposable>(item: T): T {
    if (this.disposed) throw new Error('DisposableStore is already disposed')
    this.items.push(item)
    return item
  }

  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    for (const item of this.items.reverse()) {
      try {
        await item.dispose()
      } catch (err) {
        // Keep tearing down the rest: one failing service must not leak the others.
        this.report(err)
      }
    }
  }

  private report(err: unknown): void {
    try {
      this.onFailure(err)
    } catch {
      // A broken reporter must not stop the teardown it reports on.
    }
  }
}
