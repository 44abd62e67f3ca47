import { Command as CommandIcon } from 'lucide-react'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { AppSection } from '../../sections'
import { useAppStores, useAppStore } from '../../stores/context'
import { CommandPalette } from './CommandPalette'
import { paletteCommands } from './paletteCommands'
import { shortcutList } from './shortcuts'
import { ShortcutsHelp } from './ShortcutsHelp'
import { useShortcuts } from './useShortcuts'

/** The header's palette button, the palette, the shortcuts help and the window-wide shortcuts. */
export function PaletteHost({ sections }: { sections: readonly AppSection[] }) {
  const stores = useAppStores()
  const skills = useAppStore('skills', (state) => state.skills)
  const skillsLoaded = useAppStore('skills', (state) => state.listLoaded)
  const [paletteOpen, setPaletteOpen] = useState(false)
  const [helpOpen, setHelpOpen] = useState(false)
  const closePalette = useCallback(() => setPaletteOpen(false), [])
  const closeHelp = useCallback(() => setHelpOpen(false), [])
  const showHelp = useCallback(() => {
    setPaletteOpen(false)
    setHelpOpen(true)
  }, [])

  useShortcuts(sections, {
    togglePalette: () => {
      setHelpOpen(false)
      setPaletteOpen((open) => !open)
    },
    showHelp,
    dialogOpen: paletteOpen || helpOpen,
  })

  // The palette finds skills by name: make sure the list is there even off the Skills screen.
  useEffect(() => {
    if (paletteOpen && !skillsLoaded) void stores.skills.getState().refresh()
  }, [paletteOpen, skillsLoaded, stores])

  const commands = useMemo(
    () => (paletteOpen ? paletteCommands(sections, stores, skills, showHelp) : []),
    [paletteOpen, sections, stores, skills, showHelp],
  )

  return (
    <>
      <button
        type="button"
        data-testid="palette-open"
        onClick={() => setPaletteOpen(true)}
        className="ml-auto inline-flex h-6 items-center gap-1.5 rounded border border-line px-2 text-xs text-muted hover:bg-fg/8 hover:text-fg"
        title="Command palette (Ctrl/⌘ K) · shortcuts (?)"
      >
        <CommandIcon size={12} aria-hidden />
        Commands
        <kbd className="font-mono">{/Mac|iPhone|iPad/.test(navigator.platform) ? '⌘K' : 'Ctrl K'}</kbd>
      </button>
      {paletteOpen && <CommandPalette commands={commands} onClose={closePalette} />}
      {helpOpen && <ShortcutsHelp shortcuts={shortcutList(sections)} onClose={closeHelp} />}
    </>
  )
}
