import { Command } from 'cmdk'
import { Search } from 'lucide-react'
import { useMemo, useState } from 'react'
import type { PaletteCommand } from './paletteCommands'
import { rankCommands } from './rankCommands'

const groups: ReadonlyArray<PaletteCommand['group']> = ['Go to', 'Actions', 'Skills']

/**
 * The Ctrl/⌘ K palette: type to filter, ↑/↓ to choose, Enter to run, Esc to close. Typed text
 * ranks every command with `rankCommands` (names first), not cmdk's own fuzzy order.
 */
export function CommandPalette({ commands, onClose }: { commands: PaletteCommand[]; onClose: () => void }) {
  const [query, setQuery] = useState('')
  const ranked = useMemo(() => rankCommands(commands, query), [commands, query])
  const searching = query.trim() !== ''
  const run = (command: PaletteCommand): void => {
    onClose()
    command.run()
  }

  return (
    <div
      className="fixed inset-0 z-50 flex items-start justify-center bg-black/30 pt-[12vh]"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose()
      }}
    >
      <div role="dialog" aria-modal="true" aria-label="Command palette" data-testid="command-palette">
        <Command
          label="Command palette"
          loop
          shouldFilter={false}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.preventDefault()
              onClose()
            }
          }}
          className="w-[560px] max-w-[90vw] overflow-hidden rounded-lg border border-line bg-surface shadow-2xl"
        >
          <div className="flex items-center gap-2 border-b border-line px-3">
            <Search size={14} className="text-muted" aria-hidden />
            <Command.Input
              autoFocus
              value={query}
              onValueChange={setQuery}
              data-testid="command-input"
              placeholder="Type a command or a skill name…"
              className="h-10 flex-1 bg-transparent text-base outline-none"
            />
          </div>
          <Command.List className="max-h-[50vh] overflow-y-auto p-1">
            <Command.Empty className="px-3 py-6 text-center text-sm text-muted">
              Nothing matches.
            </Command.Empty>
            {(searching ? (['Best matches'] as const) : groups).map((group) => (
              <Command.Group
                key={group}
                heading={group}
                className="[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:pt-2 [&_[cmdk-group-heading]]:pb-1 [&_[cmdk-group-heading]]:text-xs [&_[cmdk-group-heading]]:text-muted"
              >
                {(searching ? ranked : commands.filter((command) => command.group === group)).map(
                  (command) => (
                    <Command.Item
                      key={command.id}
                      value={command.id}
                      onSelect={() => run(command)}
                      data-testid="command-item"
                      className="flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm data-[selected=true]:bg-selected"
                    >
                      <span className="min-w-0 flex-1 truncate">{command.label}</span>
                      {command.hint && <span className="shrink-0 text-xs text-muted">{command.hint}</span>}
                    </Command.Item>
                  ),
                )}
              </Command.Group>
            ))}
          </Command.List>
        </Command>
      </div>
    </div>
  )
}
