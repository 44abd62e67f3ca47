import type { AppSection } from '../../sections'

/** Mnemonic second keys of `g <key>`; sections not listed get the first free letter of their label. */
const preferred: Record<string, string> = {
  skills: 's',
  approvals: 'i',
  sources: 'o',
  generator: 'n',
  editor: 'e',
  activity: 'a',
  settings: 't',
}

/** The `g <key>` key of each section, unique. */
export function goKeys(sections: readonly Pick<AppSection, 'id' | 'label'>[]): Map<string, string> {
  const keys = new Map<string, string>()
  const taken = new Set<string>()
  for (const section of sections) {
    const wanted = preferred[section.id]
    if (wanted && !taken.has(wanted)) {
      keys.set(section.id, wanted)
      taken.add(wanted)
    }
  }
  for (const section of sections) {
    if (keys.has(section.id)) continue
    const free = [...section.label.toLowerCase()].find((char) => /[a-z]/.test(char) && !taken.has(char))
    if (free) {
      keys.set(section.id, free)
      taken.add(free)
    }
  }
  return keys
}

/** The keyboard shortcuts as the help lists them. */
export function shortcutList(
  sections: readonly Pick<AppSection, 'id' | 'label'>[],
): Array<{ keys: string; what: string }> {
  const keys = goKeys(sections)
  return [
    { keys: 'Ctrl/⌘ K', what: 'Command palette' },
    { keys: '?', what: 'This list' },
    { keys: '/', what: 'Search skills (on the Skills screen)' },
    ...sections.flatMap((section, index) => [
      ...(index < 9 ? [{ keys: `Alt ${index + 1}`, what: `Go to ${section.label}` }] : []),
      ...(keys.has(section.id)
        ? [{ keys: `G ${keys.get(section.id)?.toUpperCase()}`, what: `Go to ${section.label}` }]
        : []),
    ]),
    { keys: 'Esc', what: 'Close a dialog' },
  ]
}

/** True when the key goes to a text field (shortcuts must not steal typing). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)
}
