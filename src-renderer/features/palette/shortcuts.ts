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

/** True when the element takes typed text: a field, a content-editable or an EditContext host. */
function takesText(element: Element): boolean {
  if (!(element instanceof HTMLElement)) return false
  if (element.isContentEditable) return true
  if (['INPUT', 'TEXTAREA', 'SELECT'].includes(element.tagName)) return true
  // Monaco types through an EditContext element that is neither a field nor content-editable.
  return (element as HTMLElement & { editContext?: unknown }).editContext != null
}

/** The parts of a key event that say where it goes. */
export interface KeyTarget {
  target: EventTarget | null
  composedPath?: () => EventTarget[]
}

/**
 * True when the key goes to something the person is typing into (shortcuts must not steal
 * typing): a field, a content-editable, an EditContext element, or anywhere inside a code editor.
 * Looks along the composed path so fields inside shadow roots count too.
 */
export function isTyping(event: KeyTarget): boolean {
  const path = event.composedPath?.() ?? []
  const nodes = path.length > 0 ? path : [event.target]
  for (const node of nodes) {
    if (!(node instanceof Element)) continue
    if (takesText(node) || node.closest('.monaco-editor')) return true
  }
  return false
}
