// Plain-words help with names: what is wrong with a skill name, and which key was probably meant.

/** Agent Skills spec: at most 64 characters of lowercase words joined by single hyphens. */
export const NAME_MAX_LENGTH = 64
export const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/

/** A valid skill name derived from any text: lowercased, accents dropped, other characters → "-". */
export function suggestSkillName(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, NAME_MAX_LENGTH)
    .replace(/-+$/, '')
}

/** Why `name` breaks the naming rule, in plain words. */
export function describeNameProblems(name: string): string[] {
  const problems: string[] = []
  if (/[A-Z]/.test(name)) problems.push('uppercase letters')
  if (name.includes('_')) problems.push('underscores')
  if (name.startsWith('-')) problems.push('a leading hyphen')
  if (name.endsWith('-')) problems.push('a trailing hyphen')
  if (name.includes('--')) problems.push('a double hyphen')
  const others = [...new Set(name.replace(/[A-Za-z0-9_-]/g, ''))]
  if (others.length > 0) {
    const shown = others.map((char) => (char === ' ' ? 'spaces' : `"${char}"`)).join(', ')
    problems.push(`characters other than letters, digits and hyphens (${shown})`)
  }
  return problems
}

/** "a", "a and b", "a, b and c". */
export function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`
}

/** Optimal string alignment distance: edits and adjacent swaps ("tgas" → "tags") cost 1. */
export function editDistance(a: string, b: string): number {
  const rows = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  const at = (i: number, j: number): number => rows[i]?.[j] ?? 0
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1)
      const row = rows[i]
      if (row) row[j] = best
    }
  }
  return at(a.length, b.length)
}
