/** How one line of a unified diff is shown. */
export type DiffLineKind = 'add' | 'remove' | 'hunk' | 'meta' | 'context'

export interface DiffLine {
  kind: DiffLineKind
  text: string
}

const META =
  /^(diff --git |index |--- |\+\+\+ |new file mode |deleted file mode |similarity index |rename (from|to) |old mode |new mode |Binary files )/

/**
 * Classifies the lines of a unified git diff. The text is untrusted and is only ever rendered as
 * text; this decides colours, nothing else.
 */
export function parseDiff(diff: string): DiffLine[] {
  const lines = diff.replace(/\r\n/g, '\n').split('\n')
  if (lines.at(-1) === '') lines.pop()
  let inHunk = false
  return lines.map((text) => {
    if (text.startsWith('@@')) {
      inHunk = true
      return { kind: 'hunk', text }
    }
    if (text.startsWith('diff --git ')) inHunk = false
    // Inside a hunk, "--- x" is a removed line that starts with "-- ", not a file header.
    if (!inHunk && META.test(text)) return { kind: 'meta', text }
    if (text.startsWith('+')) return { kind: 'add', text }
    if (text.startsWith('-')) return { kind: 'remove', text }
    return { kind: 'context', text }
  })
}

/** Files touched and lines added/removed, for the diff's heading. */
export function diffStats(lines: readonly DiffLine[]): { files: number; added: number; removed: number } {
  let files = 0
  let added = 0
  let removed = 0
  for (const line of lines) {
    if (line.kind === 'meta' && line.text.startsWith('diff --git ')) files += 1
    else if (line.kind === 'add') added += 1
    else if (line.kind === 'remove') removed += 1
  }
  return { files, added, removed }
}
