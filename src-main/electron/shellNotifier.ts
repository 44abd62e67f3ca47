import type { EventName, EventPayload } from '../contract'

/** The part of the core's event bus the notifier listens to. */
export interface EventSource {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void
}

export interface ShellNotice {
  title: string
  body: string
  /** Where a click on the notification leads (a renderer hash route). */
  route: string
}

/**
 * Turns core events into desktop notices: one per new approval request, one per tool call held by
 * a requires_approval policy, one when a skill server is disabled after a crash loop (once per
 * transition, not for every repeated status). `onPendingChanged` runs whenever what waits for a
 * person may have changed (the tray count).
 */
export class ShellNotifier {
  private readonly disabled = new Set<string>()
  private readonly unsubscribers: Array<() => void>

  constructor(
    events: EventSource,
    private readonly notify: (notice: ShellNotice) => void,
    private readonly onPendingChanged: () => void = () => undefined,
  ) {
    this.unsubscribers = [
      events.on('approvals.pending', (p) => this.approvalPending(p)),
      events.on('calls.pending', (p) => this.callPending(p)),
      // Approved, denied or expired: one less call waits, and no notice is needed.
      events.on('calls.decided', () => this.onPendingChanged()),
      events.on('runtime.status', (p) => this.runtimeStatus(p)),
      events.on('skills.changed', () => this.onPendingChanged()),
    ]
  }

  private approvalPending(p: EventPayload<'approvals.pending'>): void {
    const risk = p.risk === 'LOW' ? '' : ` (${p.risk} risk)`
    this.notify({
      title: 'Approval needed',
      body: `${p.skill}: ${p.kind.replace(/_/g, ' ')} request${risk} waits in the inbox.`,
      route: `#/approvals/${encodeURIComponent(p.id)}`,
    })
    this.onPendingChanged()
  }

  private callPending(p: EventPayload<'calls.pending'>): void {
    this.notify({
      title: 'Call waiting for approval',
      body: `${p.client} wants to run ${p.skill}/${p.tool}. The call is held until you approve or deny it.`,
      // Held calls are listed at the top of the inbox, whichever request is open.
      route: '#/approvals',
    })
    this.onPendingChanged()
  }

  private runtimeStatus(p: EventPayload<'runtime.status'>): void {
    if (p.state !== 'disabled') {
      this.disabled.delete(p.skill)
      return
    }
    if (this.disabled.has(p.skill)) return
    this.disabled.add(p.skill)
    this.notify({
      title: 'Skill disabled',
      body: `${p.skill} crashed ${p.recentCrashes} times in a row and was disabled.${p.lastError ? ` Last error: ${p.lastError}` : ''}`,
      route: `#/skills/${encodeURIComponent(p.skill)}`,
    })
  }

  dispose(): void {
    for (const off of this.unsubscribers.splice(0)) off()
  }
}
