import { useEffect, useRef } from 'react'
import { navigate, routeHref } from '../../router'
import type { AppSection } from '../../sections'
import { goKeys, isTyping } from './shortcuts'

export interface ShortcutHandlers {
  togglePalette(): void
  showHelp(): void
  /** True while a dialog of ours is open: then only Ctrl/⌘ K works. */
  dialogOpen: boolean
}

/** Ctrl/⌘ K, `?`, Alt+1…9 and `g <key>` on the whole window. */
export function useShortcuts(sections: readonly AppSection[], handlers: ShortcutHandlers): void {
  const latest = useRef(handlers)
  useEffect(() => {
    latest.current = handlers
  })

  useEffect(() => {
    const keys = goKeys(sections)
    const byKey = new Map([...keys].map(([id, key]) => [key, id]))
    let goPending = 0

    const onKey = (event: KeyboardEvent): void => {
      const { togglePalette, showHelp, dialogOpen } = latest.current
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        togglePalette()
        return
      }
      if (dialogOpen || event.defaultPrevented || isTyping(event)) return
      if (event.altKey && !event.ctrlKey && !event.metaKey && /^Digit[1-9]$/.test(event.code)) {
        const section = sections[Number(event.code.slice(5)) - 1]
        if (section) {
          event.preventDefault()
          navigate(routeHref(section.id))
        }
        return
      }
      if (event.ctrlKey || event.metaKey || event.altKey) return
      if (event.key === '?') {
        event.preventDefault()
        showHelp()
        return
      }
      if (goPending > Date.now()) {
        goPending = 0
        const id = byKey.get(event.key.toLowerCase())
        if (id) {
          event.preventDefault()
          navigate(routeHref(id))
        }
        return
      }
      if (event.key === 'g') goPending = Date.now() + 1500
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [sections])
}
