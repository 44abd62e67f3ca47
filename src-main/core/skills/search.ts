/**
 * Turns what a person typed into an FTS5 query: each word becomes a quoted prefix term, ORed,
 * so punctuation can never be read as FTS syntax. Returns null when nothing searchable remains.
 */
export function toFtsQuery(query: string): string | null {
  const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []
  const unique = [...new Set(words)].slice(0, 32)
  if (unique.length === 0) return null
  return unique.map((w) => `"${w}"*`).join(' OR ')
}
