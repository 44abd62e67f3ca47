import { Component, type ErrorInfo, type ReactNode } from 'react'

interface ErrorBoundaryState {
  error: Error | null
}

/**
 * Catches a screen that failed to render: shows the error's message and what to do, instead of a
 * blank window. Keyed by screen in the shell, so moving to another screen starts fresh.
 */
export class ErrorBoundary extends Component<{ children: ReactNode; area: string }, ErrorBoundaryState> {
  override state: ErrorBoundaryState = { error: null }

  static getDerivedStateFromError(error: unknown): ErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error(`The ${this.props.area} screen failed`, error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <div role="alert" data-testid="error-boundary" className="mx-auto flex max-w-xl flex-col gap-2 p-6">
        <h2 className="text-lg font-semibold text-danger">The {this.props.area} screen stopped working</h2>
        <p className="rounded border border-danger/30 bg-danger/8 px-2.5 py-1.5 font-mono text-sm break-words">
          {error.message || error.name}
        </p>
        <p className="text-sm text-muted">
          Try again, or open another screen. If it happens again, reload SkillDock; run the doctor in Settings
          to check the environment, and report the message above.
        </p>
        <div className="flex gap-2">
          <button
            type="button"
            onClick={() => this.setState({ error: null })}
            className="inline-flex h-7 items-center rounded bg-accent px-3 font-medium text-surface"
          >
            Try again
          </button>
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="inline-flex h-7 items-center rounded border border-line px-3 hover:bg-fg/8"
          >
            Reload SkillDock
          </button>
        </div>
      </div>
    )
  }
}
