/** Where a line of a Markdown file sits: prose, or inside a fenced code block of some language. */
export interface MarkdownLine {
  /** null for prose; the fence's language for code ('' when the fence names none). */
  code: string | null
  /** The ``` / ~~~ line itself. */
  fence: boolean
}

/** Fence languages whose lines an agent may run as commands. */
const COMMAND_LANGUAGES = new Set([
  '',
  'sh',
  'bash',
  'zsh',
  'shell',
  'console',
  'terminal',
  'shellsession',
  'shell-session',
  'fish',
  'powershell',
  'ps1',
  'pwsh',
  'bat',
  'cmd',
  'batch',
])

/** Classifies each line of a Markdown text (LF line endings). */
export function markdownLines(lines: readonly string[]): MarkdownLine[] {
  const out: MarkdownLine[] = []
  let open: { marker: string; lang: string } | null = null
  for (const line of lines) {
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line)
    if (open === null && fence) {
      open = { marker: fence[1] ?? '```', lang: (fence[2] ?? '').toLowerCase() }
      out.push({ code: open.lang, fence: true })
    } else if (
      open !== null &&
      fence &&
      (fence[1] ?? '').startsWith(open.marker) &&
      (fence[2] ?? '') === ''
    ) {
      out.push({ code: open.lang, fence: true })
      open = null
    } else {
      out.push({ code: open === null ? null : open.lang, fence: false })
    }
  }
  return out
}

/** Whether a line may hold commands an agent would run (prose, or a shell-like code block; not a `{directive}`). */
export function mayHoldCommands(line: MarkdownLine): boolean {
  return line.code === null || COMMAND_LANGUAGES.has(line.code)
}

/** [start, end) character ranges of `inline code` spans on one line. */
export function inlineCodeRanges(line: string): [number, number][] {
  const out: [number, number][] = []
  for (const m of line.matchAll(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g))
    out.push([m.index, m.index + m[0].length])
  return out
}

/** Whether the character at `column` of a line sits between double quotes on that line. */
export function insideQuotes(line: string, column: number): boolean {
  const before = line.slice(0, column)
  const straight = (before.match(/"/g) ?? []).length
  const curly = (before.match(/\u201c/g) ?? []).length - (before.match(/\u201d/g) ?? []).length
  const guillemet = (before.match(/\u00ab/g) ?? []).length - (before.match(/\u00bb/g) ?? []).length
  return straight % 2 === 1 || curly > 0 || guillemet > 0
}

/** HTML comments `<!-- … -->` with their offsets. */
export function htmlComments(text: string): { index: number; body: string }[] {
  return [...text.matchAll(/<!--([\s\S]*?)-->/g)].map((m) => ({ index: m.index, body: m[1] ?? '' }))
}
