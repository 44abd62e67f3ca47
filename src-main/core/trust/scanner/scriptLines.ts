/** Splitting scripts into what a shell would run: language detection and logical lines. */
import type { ScriptLanguage } from './scriptPatterns'

/** A command line with its continuations joined, and the line number where it starts. */
export interface LogicalLine {
  line: number
  text: string
}

const EXTENSIONS: Record<string, ScriptLanguage> = {
  sh: 'sh',
  bash: 'sh',
  zsh: 'sh',
  js: 'js',
  mjs: 'js',
  cjs: 'js',
  ts: 'js',
  ps1: 'ps',
  bat: 'bat',
  cmd: 'bat',
}

/** The script language of a file from its extension or shebang; null when it is not a script. */
export function scriptLanguage(path: string, firstLine: string): ScriptLanguage | null {
  const ext = /\.([a-z0-9]+)$/i.exec(path)?.[1]?.toLowerCase() ?? ''
  const byExtension = EXTENSIONS[ext]
  if (byExtension) return byExtension
  const shebang = shebangInterpreter(firstLine)
  if (/^(?:ba|z|da|k|fi)?sh$/.test(shebang)) return 'sh'
  if (/^(?:node|deno|bun)$/.test(shebang)) return 'js'
  if (/^(?:pwsh|powershell)$/.test(shebang)) return 'ps'
  return null
}

/** The program a `#!` line runs: `#!/usr/bin/env -S bash -e` → `bash`. */
export function shebangInterpreter(firstLine: string): string {
  if (!firstLine.startsWith('#!')) return ''
  const words = firstLine.slice(2).trim().split(/\s+/)
  const program = (words[0] ?? '').split('/').pop() ?? ''
  if (program !== 'env') return program
  return (words.slice(1).find((w) => !w.startsWith('-') && !w.includes('=')) ?? '').split('/').pop() ?? ''
}

/** Joins continuation lines and drops comment lines, keeping the first line number of each. */
export function logicalLines(lines: readonly string[], language: ScriptLanguage): LogicalLine[] {
  const out: LogicalLine[] = []
  const continuation =
    language === 'sh' ? /\\$/ : language === 'ps' ? /`$/ : language === 'bat' ? /\^$/ : null
  const comment =
    language === 'js' ? /^\s*(?:\/\/|\/?\*)/ : language === 'bat' ? /^\s*(?:rem\b|::)/i : /^\s*#(?!!)/
  let pending: LogicalLine | null = null
  lines.forEach((raw, i) => {
    if (pending === null && (comment.test(raw) || (i === 0 && raw.startsWith('#!')))) return
    const text = raw.replace(/\r$/, '')
    const continues = continuation !== null && continuation.test(text)
    const piece = continues ? text.slice(0, -1) : text
    pending =
      pending === null
        ? { line: i + 1, text: piece }
        : { line: pending.line, text: pending.text + ' ' + piece.trim() }
    if (!continues) {
      out.push(pending)
      pending = null
    }
  })
  if (pending !== null) out.push(pending)
  return out
}
