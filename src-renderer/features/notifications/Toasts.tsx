import { useEffect } from 'react'
import { toast, Toaster } from 'sonner'
import { navigate } from '../../router'
import { useAppStores } from '../../stores/context'
import type { Notice } from '../../stores/notifications'
import { watchOutcomes } from './outcomeNotices'

function show(notice: Notice): void {
  const options = {
    ...(notice.description && { description: notice.description }),
    ...(notice.href && { action: { label: 'Open', onClick: () => navigate(notice.href ?? '') } }),
  }
  toast[notice.tone](notice.title, options)
}

/** The toaster, fed from the notifications store (core events) and from action outcomes. */
export function Toasts() {
  const stores = useAppStores()

  useEffect(() => watchOutcomes(stores, stores.notifications.getState().push), [stores])

  useEffect(() => {
    const drain = (): void => {
      for (const notice of stores.notifications.getState().takeAll()) show(notice)
    }
    drain()
    return stores.notifications.subscribe(drain)
  }, [stores])

  return <Toaster position="bottom-right" theme="system" closeButton richColors={false} />
}
