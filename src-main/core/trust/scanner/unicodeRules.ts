import type { ScanFinding } from '../../../contract/models'
import { type LineIndex, makeFinding } from './findings'

/** Characters that render as nothing: zero-width spaces and joiners, fillers, the BOM. */
const INVISIBLE = new Set([
  0x00ad, 0x034f, 0x115f, 0x1160, 0x17b4, 0x17b5, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x2060,
  0x2061, 0x2062, 0x2063, 0x2064, 0x3164, 0xfeff, 0xffa0,
])
const isBidi = (cp: number): boolean => (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)
const isTag = (cp: number): boolean => cp >= 0xe0000 && cp <= 0xe007f
const PICTOGRAPHIC = /\p{Extended_Pictographic}|\p{Emoji_Modifier}|\ufe0f/u
const NON_LATIN_LETTER =
  /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Thai}]/u

/** Letters from other scripts that look like Latin ones, mapped to the Latin letter they imitate. */
const CONFUSABLES: Record<string, string> = {
  а: 'a',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  һ: 'h',
  ԛ: 'q',
  ԝ: 'w',
  ӏ: 'l',
  ɡ: 'g',
  ı: 'i',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  У: 'Y',
  Ѕ: 'S',
  І: 'I',
  Ј: 'J',
  ο: 'o',
  α: 'a',
  ν: 'v',
  ρ: 'p',
  ι: 'i',
  κ: 'k',
  υ: 'u',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
}

/** Text prepared for phrase matching: invisible characters removed, look-alikes mapped to Latin. */
export interface MatchableText {
  text: string
  /** For each UTF-16 index of `text`, the index of the character it came from in the original. */
  origin: number[]
}

/** Strips invisible, bidirectional and tag characters and folds look-alike letters, keeping offsets. */
export function toMatchable(original: string): MatchableText {
  let text = ''
  const origin: number[] = []
  let index = 0
  for (const char of original) {
    const cp = char.codePointAt(0) ?? 0
    if (!(INVISIBLE.has(cp) || isBidi(cp) || isTag(cp))) {
      const folded = CONFUSABLES[char] ?? (cp > 0x7f ? char.normalize('NFKC') : char)
      for (let i = 0; i < folded.length; i++) origin.push(index)
      text += folded
    }
    index += char.length
  }
  origin.push(original.length)
  return { text, origin }
}

/** The Latin look-alike of a skill name written with homoglyphs, or null when it has none. */
export function homoglyphLookalike(name: string): string | null {
  let changed = false
  const latin = [...name].map((c) => {
    const mapped = CONFUSABLES[c]
    if (mapped) changed = true
    return mapped ?? c
  })
  return changed ? latin.join('') : null
}

/** Words mixing Latin letters with Cyrillic or Greek ones: the classic spoofing trick. */
export function mixedScriptWords(text: string): { word: string; index: number }[] {
  const out: { word: string; index: number }[] = []
  for (const m of text.matchAll(/[\p{L}\p{M}]+/gu)) {
    const word = m[0]
    if (/[A-Za-z]/.test(word) && /[\p{Script=Cyrillic}\p{Script=Greek}]/u.test(word)) {
      out.push({ word, index: m.index })
    }
  }
  return out
}

/** Hidden text carried by Unicode tag characters (not emoji subdivision flags such as 🏴 England). */
function hiddenTagText(line: string): string[] {
  const hidden: string[] = []
  const chars = [...line]
  for (let i = 0; i < chars.length;) {
    if (!isTag(chars[i]?.codePointAt(0) ?? 0)) {
      i++
      continue
    }
    let end = i
    while (end < chars.length && isTag(chars[end]?.codePointAt(0) ?? 0)) end++
    const run = chars.slice(i, end).map((c) => (c.codePointAt(0) ?? 0) - 0xe0000)
    const flag = chars[i - 1] === '\u{1f3f4}' && run.at(-1) === 0x7f && run.length <= 8
    const decoded = String.fromCharCode(...run.filter((c) => c >= 0x20 && c <= 0x7e))
    if (!(flag && /^[a-z0-9]{2,7}$/.test(decoded)) && decoded.trim() !== '') hidden.push(decoded)
    i = end
  }
  return hidden
}

function legitimateInvisible(chars: string[], i: number): boolean {
  const cp = chars[i]?.codePointAt(0) ?? 0
  const before = chars[i - 1] ?? ''
  const after = chars[i + 1] ?? ''
  if (cp === 0x200d && (PICTOGRAPHIC.test(before) || PICTOGRAPHIC.test(after))) return true
  // Persian, Hebrew, Indic and Thai text use joiners and direction marks as ordinary spelling.
  const joinerOrMark = cp === 0x200c || cp === 0x200d || cp === 0x200e || cp === 0x200f
  return joinerOrMark && (NON_LATIN_LETTER.test(before) || NON_LATIN_LETTER.test(after))
}

/** Tag-character text, bidirectional controls and invisible characters, one finding per line and kind. */
export function unicodeFindings(file: string, index: LineIndex): ScanFinding[] {
  const findings: ScanFinding[] = []
  index.lines.forEach((line, i) => {
    const number = i + 1
    for (const hidden of hiddenTagText(line)) {
      findings.push(
        makeFinding(
          'text.unicode.tags',
          'CRITICAL',
          file,
          number,
          `Hides text in invisible Unicode tag characters, which an AI agent reads but you cannot see. The hidden text says: "${hidden.slice(0, 200)}". Do not approve this skill.`,
          `hidden text: ${hidden}`,
        ),
      )
    }
    const chars = [...line]
    const codes = chars.map((c) => c.codePointAt(0) ?? 0)
    if (codes.some(isBidi)) {
      findings.push(
        makeFinding(
          'text.unicode.bidi',
          'HIGH',
          file,
          number,
          'Contains bidirectional control characters, which make text display in a different order than an agent or program reads it. Ask the author to remove them.',
          line,
        ),
      )
    }
    const invisible = codes.filter(
      (cp, at) =>
        INVISIBLE.has(cp) && !(cp === 0xfeff && number === 1 && at === 0) && !legitimateInvisible(chars, at),
    )
    if (invisible.length > 0) {
      findings.push(
        makeFinding(
          'text.unicode.invisible',
          invisible.length >= 3 ? 'HIGH' : 'MEDIUM',
          file,
          number,
          `Contains ${invisible.length} invisible character${invisible.length === 1 ? '' : 's'} (such as zero-width spaces), which can hide or split words so that instructions slip past a reader. Ask the author to remove them.`,
          line,
        ),
      )
    }
  })
  return findings
}
