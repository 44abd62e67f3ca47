/** What the ranking needs of a palette entry. */
export interface RankedEntry {
  group: 'Go to' | 'Actions' | 'Skills'
  label: string
  /** The thing's own name: a screen's label or a skill's name; actions go by their label. */
  name?: string
  keywords?: string[]
}

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)

/** True when every letter of `query` appears in `text` in order (the loosest match). */
function isSubsequence(query: string, text: string): boolean {
  let at = 0
  for (const char of text) if (char === query[at]) at += 1
  return at === query.length
}

/**
 * How well one entry matches the typed text, or null when it does not. Exact and prefix matches
 * of a skill's or a screen's name come first, then an action's label, then a word of a name or
 * label, then descriptions and keywords, and last a loose in-order match of the label's letters.
 */
export function matchScore(entry: RankedEntry, query: string): number | null {
  const q = query.trim().toLowerCase()
  if (q === '') return 0
  const named = entry.group !== 'Actions'
  const name = (entry.name ?? entry.label).toLowerCase()
  const label = entry.label.toLowerCase()
  if (name === q) return named ? 1000 : 800
  if (name.startsWith(q)) return named ? 900 : 750
  if (label.startsWith(q)) return 740
  if (words(name).some((word) => word.startsWith(q))) return named ? 700 : 650
  if (words(label).some((word) => word.startsWith(q))) return 600
  if (name.includes(q) || label.includes(q)) return 500
  // Several words: each must start a word of the label or the keywords.
  const haystack = [label, ...(entry.keywords ?? []).map((k) => k.toLowerCase())]
  const haystackWords = haystack.flatMap(words)
  const terms = q.split(/\s+/)
  if (terms.every((term) => haystackWords.some((word) => word.startsWith(term)))) return 300
  if (terms.every((term) => haystack.some((text) => text.includes(term)))) return 200
  if (q.length >= 2 && !q.includes(' ') && isSubsequence(q, label)) return 100
  return null
}

/** The entries matching `query`, best first; equal scores keep their given order. */
export function rankCommands<T extends RankedEntry>(entries: readonly T[], query: string): T[] {
  if (query.trim() === '') return [...entries]
  return entries
    .map((entry, index) => ({ entry, index, score: matchScore(entry, query) }))
    .filter((item): item is { entry: T; index: number; score: number } => item.score !== null)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((item) => item.entry)
}
