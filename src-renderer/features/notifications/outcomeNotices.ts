import type { StoreApi } from 'zustand/vanilla'
import { routeHref } from '../../router'
import type { AppStores } from '../../stores/context'
import type { Notice } from '../../stores/notifications'

type Push = (notice: Omit<Notice, 'id'>) => void

/** Calls `onChange(state, previous)` on every change of `store`; returns the unsubscribe function. */
function watch<S>(store: StoreApi<S>, onChange: (state: S, previous: S) => void): () => void {
  return store.subscribe(onChange)
}

/**
 * Turns the outcomes of actions into notices, in one place rather than on every page: each rule
 * watches a store for the moment an action finishes (a pending flag dropping without an error).
 * Failures stay inline where they happened; these confirm what worked.
 */
export function watchOutcomes(stores: AppStores, push: Push): () => void {
  const unsubscribers = [
    watch(stores.skills, (state, previous) => {
      if (previous.togglePending && !state.togglePending && !state.toggleError && state.detail) {
        const { name, state: skillState } = state.detail
        // A skill that needs approval is not enabled yet: say a request waits instead.
        const outcome =
          skillState === 'pending'
            ? 'enable requested — awaiting approval'
            : skillState === 'disabled'
              ? 'disabled'
              : 'enabled'
        push({ tone: 'success', title: `${name}: ${outcome}` })
      }
    }),
    watch(stores.approvals, (state, previous) => {
      if (previous.deciding && !state.deciding && !state.decisionError && state.detail) {
        push({ tone: 'success', title: `${state.detail.skill}: ${state.detail.status}` })
      }
      if (previous.bulk?.running && state.bulk && !state.bulk.running) {
        const { approved, failures } = state.bulk
        push({
          tone: failures.length ? 'warning' : 'success',
          title: `Approved ${approved} low-risk request${approved === 1 ? '' : 's'}`,
          ...(failures.length > 0 && { description: `${failures.length} could not be approved.` }),
        })
      }
    }),
    watch(stores.sources, (state, previous) => {
      if (previous.adding && !state.adding && !state.addError) {
        push({ tone: 'success', title: 'Source added', description: 'Sync it to fetch its skills.' })
      }
    }),
    watch(stores.generator, (state, previous) => {
      if (!state.result || state.result === previous.result) return
      const { outcome, skill } = state.result
      if (outcome === 'proposed') {
        push({
          tone: 'success',
          title: `${skill ?? 'A skill'} was proposed`,
          description: state.result.approvalStatus === 'pending' ? 'It waits for your approval.' : undefined,
          ...(state.result.approvalId && { href: routeHref('approvals', state.result.approvalId) }),
        })
      } else if (outcome === 'existing') {
        push({ tone: 'info', title: `${skill ?? 'An existing skill'} already does this` })
      } else {
        push({
          tone: 'error',
          title: 'Generation failed',
          description: 'The draft and its report were kept.',
        })
      }
    }),
    watch(stores.settings, (state, previous) => {
      if (!previous.saved && state.saved) push({ tone: 'success', title: 'Provider settings saved' })
      if (previous.keySaving && !state.keySaving && !state.keyError) {
        push({ tone: 'success', title: 'Key stored in the keychain' })
      }
    }),
    watch(stores.credentials, (state, previous) => {
      if (state.savedName && state.savedName !== previous.savedName) {
        push({ tone: 'success', title: `${state.savedName} stored in the keychain` })
      }
    }),
    watch(stores.endpoint, (state, previous) => {
      if (state.created && state.created !== previous.created) {
        push({
          tone: 'success',
          title: `Client ${state.created.name} created`,
          description: 'Copy its token now.',
        })
      }
      if (previous.removing && !state.removing && !state.error) {
        push({ tone: 'success', title: `${previous.removing} revoked` })
      }
    }),
    watch(stores.system, (state, previous) => {
      if (!state.checks || state.checks === previous.checks) return
      const failing = state.checks.filter((check) => check.status !== 'ok').length
      push(
        failing === 0
          ? { tone: 'success', title: `Doctor: all ${state.checks.length} checks passed` }
          : {
              tone: 'warning',
              title:
                failing === 1
                  ? 'Doctor: 1 check needs attention'
                  : `Doctor: ${failing} checks need attention`,
              href: routeHref('settings'),
            },
      )
    }),
  ]
  return () => {
    for (const unsubscribe of unsubscribers) unsubscribe()
  }
}
