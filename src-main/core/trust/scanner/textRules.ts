import type { RiskLevel, ScanFinding } from '../../../contract/models'
import { LineIndex, makeFinding, minSeverity, severityRank } from './findings'
import { htmlComments, inlineCodeRanges, insideQuotes, type MarkdownLine, markdownLines } from './markdown'
import { scanCommandLines } from './scriptRules'
import { hostConcern, hostDeclared, type SkillContext, urlsIn } from './skillContext'
import { ADDRESSES_AGENT, NEGATION, PHRASE_RULES, type PhraseKind } from './textPatterns'
import { toMatchable, unicodeFindings } from './unicodeRules'

export type TextKind = 'markdown' | 'text'

interface PhraseHit {
  kind: PhraseKind
  line: number
  /** Inside a code example, quotes or a prohibition: capped, and not combined into CRITICAL findings. */
  quoted: boolean
  /** Only matched after removing invisible characters or folding look-alike letters. */
  disguised: boolean
  evidence: string
}

const QUOTED_NOTE =
  ' It appears inside a code example, quotes or a prohibition, so it may only be an illustration.'

/**
 * Text rules for SKILL.md and other text files: prompt injection, hidden instructions and comments,
 * exfiltration, secret access, suspicious URLs, invisible Unicode, and commands an agent may run.
 */
export function scanText(file: string, text: string, kind: TextKind, context: SkillContext): ScanFinding[] {
  const index = new LineIndex(text)
  const layout: MarkdownLine[] =
    kind === 'markdown' ? markdownLines(index.lines) : index.lines.map(() => ({ code: null, fence: false }))
  const findings = [...unicodeFindings(file, index)]
  const hits = phraseFindings(file, text, index, layout, context, findings)
  findings.push(...combined(file, hits))
  findings.push(...commentFindings(file, text, index, context))
  findings.push(...urlFindings(file, text, index))
  findings.push(...scanCommandLines(file, index, layout))
  return findings
}

/** Phrase rules only, for prose pulled out of code (docstrings and tool descriptions in skill.py). */
export function scanProse(
  file: string,
  snippets: readonly { line: number; text: string }[],
  context: SkillContext,
): ScanFinding[] {
  const findings: ScanFinding[] = []
  for (const snippet of snippets) {
    const index = new LineIndex(snippet.text)
    const layout = index.lines.map(() => ({ code: null, fence: false }))
    const local: ScanFinding[] = []
    const hits = phraseFindings(file, snippet.text, index, layout, context, local)
    local.push(...combined(file, hits), ...urlFindings(file, snippet.text, index))
    for (const f of local) findings.push({ ...f, line: snippet.line + (f.line ?? 1) - 1 })
  }
  return findings
}

function phraseFindings(
  file: string,
  text: string,
  index: LineIndex,
  layout: readonly MarkdownLine[],
  context: SkillContext,
  findings: ScanFinding[],
): PhraseHit[] {
  const matchable = toMatchable(text)
  const hits: PhraseHit[] = []
  for (const rule of PHRASE_RULES) {
    for (const m of matchable.text.matchAll(rule.pattern)) {
      const start = matchable.origin[m.index] ?? 0
      const end = matchable.origin[m.index + m[0].length] ?? text.length
      const line = index.lineOf(start)
      if (rule.kind === 'exfiltration' && sendsOnlyToDeclaredHosts(m[0], context)) continue
      const lineStart = start - (text.lastIndexOf('\n', start - 1) + 1)
      const lineTextValue = index.line(line)
      const negated = rule.negatable === true && negatedBefore(matchable.text, m.index)
      const quoted =
        layout[line - 1]?.code != null ||
        inlineCodeRanges(lineTextValue).some(([a, b]) => lineStart >= a && lineStart < b) ||
        insideQuotes(lineTextValue, lineStart) ||
        negated
      if (negated && rule.negatable && rule.kind === 'secrecy') continue
      const original = text.slice(start, end)
      const disguised = original.toLowerCase() !== m[0].toLowerCase()
      const severity: RiskLevel = quoted ? minSeverity(rule.severity, 'MEDIUM') : rule.severity
      const message = quoted ? rule.message + QUOTED_NOTE : rule.message
      findings.push(makeFinding(rule.rule, severity, file, line, message, original))
      hits.push({ kind: rule.kind, line, quoted, disguised, evidence: original })
    }
  }
  return hits
}

function negatedBefore(text: string, at: number): boolean {
  const sentenceStart = Math.max(text.lastIndexOf('. ', at), text.lastIndexOf('\n', at), at - 80)
  return NEGATION.test(text.slice(sentenceStart, at))
}

function sendsOnlyToDeclaredHosts(match: string, context: SkillContext): boolean {
  const urls = urlsIn(match)
  return urls.length > 0 && urls.every((u) => hostDeclared(u.host, context.network))
}

/** Injection combined with exfiltration, or phrasing disguised with invisible characters: CRITICAL. */
function combined(file: string, hits: readonly PhraseHit[]): ScanFinding[] {
  const live = hits.filter((h) => !h.quoted)
  const out: ScanFinding[] = []
  const disguised = live.find((h) => h.disguised && h.kind !== 'role')
  if (disguised) {
    out.push(
      makeFinding(
        'text.prompt-injection.obfuscated',
        'CRITICAL',
        file,
        disguised.line,
        'Hides instructions for the agent behind invisible characters or look-alike letters so that a reader or filter does not notice them. Do not approve this skill.',
        disguised.evidence,
      ),
    )
  }
  const hijack = live.some((h) => h.kind === 'override' || h.kind === 'secrecy' || h.kind === 'hidden')
  const theft = live.find((h) => h.kind === 'exfiltration' || h.kind === 'secret-access')
  if (hijack && theft) {
    out.push(
      makeFinding(
        'text.prompt-injection.exfiltration',
        'CRITICAL',
        file,
        theft.line,
        'Combines instructions that take over the agent with instructions to read or send out secrets. This is an attack on your data: do not approve this skill.',
        theft.evidence,
      ),
    )
  }
  return out
}

function commentFindings(file: string, text: string, index: LineIndex, context: SkillContext): ScanFinding[] {
  const out: ScanFinding[] = []
  for (const comment of htmlComments(text)) {
    const body = comment.body.trim()
    const line = index.lineOf(comment.index)
    const inner: ScanFinding[] = []
    const bodyIndex = new LineIndex(body)
    const layout = bodyIndex.lines.map(() => ({ code: null, fence: false }))
    phraseFindings(file, body, bodyIndex, layout, context, inner)
    inner.push(...scanCommandLines(file, bodyIndex, layout))
    const worst = inner.reduce((w, f) => Math.max(w, severityRank(f.severity)), -1)
    const words = body.split(/\s+/).filter(Boolean).length
    const addressed = words >= 4 && ADDRESSES_AGENT.test(toMatchable(body).text)
    const severity =
      worst >= severityRank('HIGH') ? 'CRITICAL' : worst >= 0 ? 'HIGH' : addressed ? 'MEDIUM' : null
    if (severity === null) continue
    const message =
      severity === 'CRITICAL'
        ? 'An HTML comment, invisible when the Markdown is displayed but read by the agent, carries instructions to attack you or your data. Do not approve this skill.'
        : 'An HTML comment, invisible when the Markdown is displayed but read by the agent, gives instructions. Read it: hidden instructions have no place in a skill.'
    out.push(makeFinding('text.hidden-comment', severity, file, line, message, body))
  }
  return out
}

function urlFindings(file: string, text: string, index: LineIndex): ScanFinding[] {
  const out: ScanFinding[] = []
  for (const { url, host, index: at } of urlsIn(text)) {
    const concern = hostConcern(host)
    if (concern === null) continue
    const line = index.lineOf(at)
    const message =
      concern === 'paste-site'
        ? `Links to ${host}, a paste, tunnel or request-capture site used to host payloads or collect stolen data anonymously. Ask the author why; do not approve it if the agent is told to fetch from or send to it.`
        : `Links to a bare IP address (${host}) instead of a named site, a common sign of attacker infrastructure. Ask the author why.`
    const rule = concern === 'paste-site' ? 'text.url.paste-site' : 'text.url.raw-ip'
    out.push(makeFinding(rule, concern === 'private-ip' ? 'MEDIUM' : 'HIGH', file, line, message, url))
  }
  return out
}
