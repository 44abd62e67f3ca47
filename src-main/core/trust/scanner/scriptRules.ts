import type { ScanFinding } from '../../../contract/models'
import { LineIndex, makeFinding } from './findings'
import { type MarkdownLine, mayHoldCommands } from './markdown'
import {
  JS_ENV_DUMP,
  JS_NET,
  JS_SHELL,
  LINE_PATTERNS,
  NETWORK_COMMAND,
  type ScriptLanguage,
} from './scriptPatterns'
import { type LogicalLine, logicalLines } from './scriptLines'
import { hostConcern, hostDeclared, type SkillContext, urlsIn } from './skillContext'

export type { ScriptLanguage } from './scriptPatterns'
export { scriptLanguage, shebangInterpreter } from './scriptLines'

/** Rules for shell, JavaScript/TypeScript, PowerShell and batch files. */
export function scanScript(
  file: string,
  text: string,
  language: ScriptLanguage,
  context: SkillContext,
): ScanFinding[] {
  const index = new LineIndex(text.replace(/\r\n/g, '\n'))
  const lines = logicalLines(index.lines, language)
  const findings: ScanFinding[] = []
  const safe = safeVariables(lines)
  for (const { line, text: logical } of lines) {
    for (const p of LINE_PATTERNS) {
      if (p.languages && !p.languages.includes(language)) continue
      const m = p.pattern.exec(logical)
      if (m) findings.push(makeFinding(p.rule, p.severity, file, line, p.message, logical))
    }
    findings.push(...rmFindings(file, line, logical, safe))
    findings.push(...networkFindings(file, line, logical, context))
  }
  findings.push(...downloadThenRun(file, lines))
  findings.push(...fileCombinations(file, text, language, findings))
  return findings
}

/**
 * Command rules for lines of Markdown and text files that an agent may be told to run: prose lines
 * (shapes that never occur in ordinary writing) and lines of shell-like code blocks (all command rules).
 */
export function scanCommandLines(
  file: string,
  index: LineIndex,
  layout: readonly MarkdownLine[],
): ScanFinding[] {
  const findings: ScanFinding[] = []
  const shellLines: LogicalLine[] = []
  index.lines.forEach((text, i) => {
    const where = layout[i] ?? { code: null, fence: false }
    if (where.fence || !mayHoldCommands(where)) return
    const inCode = where.code !== null
    if (inCode) shellLines.push({ line: i + 1, text })
    for (const p of LINE_PATTERNS) {
      const applies = inCode ? p.command === true || p.rule === 'script.credentials' : p.prose === true
      if (applies && p.pattern.test(text))
        findings.push(makeFinding(p.rule, p.severity, file, i + 1, p.message, text))
    }
    if (inCode) findings.push(...rmFindings(file, i + 1, text, new Set()))
  })
  findings.push(...downloadThenRun(file, shellLines))
  return findings
}

const SAFE_VARIABLES = new Set(['TMPDIR', 'TMP', 'TEMP', 'SKILLDOCK_SKILL_DATA'])

/** Variables assigned a temporary folder or a relative literal path, which `rm -rf "$VAR"` may delete. */
function safeVariables(lines: readonly LogicalLine[]): Set<string> {
  const safe = new Set(SAFE_VARIABLES)
  for (const { text } of lines) {
    const m =
      /^\s*(?:local\s+|export\s+|readonly\s+|declare\s+(?:-\w+\s+)?)?(\w+)=["']?(\$\(\s*mktemp\b|\$\{?(?:TMPDIR|SKILLDOCK_SKILL_DATA)\b|\/tmp\/|\.{0,2}\/?[\w.-]+["']?\s*$)/.exec(
        text,
      )
    if (m?.[1]) safe.add(m[1])
  }
  return safe
}

const HOME_OR_SYSTEM =
  /^(?:\/\*?|~\/?\*?|~\/.+|\*|\.|\.\.|\.\/\*|\.\.\/.*|\/(?:bin|boot|dev|etc|home|lib\w*|opt|root|sbin|srv|usr|var|Users|System|Library|Applications|private)(?:\/.*)?)$/

/** Recursive `rm` of the home folder, the root, system folders or a variable that may be empty. */
function rmFindings(file: string, line: number, text: string, safe: ReadonlySet<string>): ScanFinding[] {
  const out: ScanFinding[] = []
  for (const m of text.matchAll(
    /(?:^|[;&|`(]\s*|\bsudo\s+|\bxargs\s+|\bthen\s+|\bdo\s+)rm\s+([^;&|`\n)]*)/g,
  )) {
    const tokens = (m[1] ?? '').trim().split(/\s+/)
    let flags = true
    let recursive = false
    const targets: string[] = []
    for (const token of tokens) {
      if (flags && token === '--') flags = false
      else if (flags && token.startsWith('-'))
        recursive ||= /^-[a-zA-Z]*[rR]/.test(token) || token === '--recursive'
      else targets.push(token.replace(/^["']|["']$/g, ''))
    }
    const bad = targets.find((t) => dangerousTarget(t, safe))
    if (recursive && bad !== undefined) {
      out.push(
        makeFinding(
          'script.destructive',
          'HIGH',
          file,
          line,
          `Deletes "${bad}" recursively. That is your home folder, a system folder, everything in the current folder, or a path from a variable that may be empty or point anywhere. Do not approve it unless the path is clearly inside the skill's own data.`,
          text,
        ),
      )
    }
  }
  return out
}

function dangerousTarget(target: string, safe: ReadonlySet<string>): boolean {
  if (HOME_OR_SYSTEM.test(target)) return true
  if (target.startsWith('$(') || target.startsWith('`')) return true
  const variable = /^\$\{?(\w+|[@*#?0-9])(:\?)?/.exec(target)
  if (!variable) return false
  if (variable[2]) return false // ${VAR:?} stops the script when VAR is empty
  return !safe.has(variable[1] ?? '')
}

function networkFindings(file: string, line: number, text: string, context: SkillContext): ScanFinding[] {
  const out: ScanFinding[] = []
  for (const { url, host } of urlsIn(text)) {
    const concern = hostConcern(host)
    if (concern !== null) {
      const what =
        concern === 'paste-site'
          ? `${host}, a paste, tunnel or request-capture site`
          : `the bare IP address ${host}`
      out.push(
        makeFinding(
          'script.network.suspicious-host',
          concern === 'private-ip' ? 'MEDIUM' : 'HIGH',
          file,
          line,
          `Talks to ${what}, which attackers use to serve payloads or collect stolen data. Ask the author why.`,
          text,
        ),
      )
    } else if (NETWORK_COMMAND.test(text) && !hostDeclared(host, context.network)) {
      out.push(
        makeFinding(
          'script.network.undeclared',
          'MEDIUM',
          file,
          line,
          `Contacts ${host}, which the skill does not declare in metadata.skilldock.network. If it is needed, the author should declare it.`,
          url,
        ),
      )
    }
  }
  return out
}

/** A file downloaded by curl/wget/Invoke-WebRequest and then run: download-and-execute in two steps. */
function downloadThenRun(file: string, lines: readonly LogicalLine[]): ScanFinding[] {
  const downloaded = new Set<string>()
  const out: ScanFinding[] = []
  for (const { line, text } of lines) {
    // Commands of one line run in order: `curl -o x.sh URL && sh x.sh` downloads, then runs.
    for (const command of text.split(/\s*(?:;|&&|\|\|)\s*/)) {
      const name = [...downloaded].find((n) => runsFile(command, n))
      if (name !== undefined) {
        const message = `Runs ${name}, a file it has just downloaded from the internet, so whoever controls that address controls your computer. Do not approve it.`
        out.push(makeFinding('script.download-exec', 'CRITICAL', file, line, message, text))
      }
      const target =
        /\b(?:curl|wget)\b.*?(?:\s-[a-zA-Z]*[oO]\s*|\s--output[=\s]+|\s--output-document[=\s]+|[^|]\s*>\s*)["']?([^\s"'|>]+)/.exec(
          command,
        )?.[1] ?? /-outfile\s+["']?([^\s"']+)/i.exec(command)?.[1]
      const base = target?.split(/[\\/]/).pop() ?? ''
      if (base !== '' && base !== '-' && base !== 'null' && !base.startsWith('&')) downloaded.add(base)
    }
  }
  return out
}

function runsFile(command: string, name: string): boolean {
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(
    `^\\s*(?:sudo\\s+)?(?:(?:ba|z|da)?sh|source|\\.|python[0-9.]*|node|perl|chmod\\s+\\S+|start-process|&|exec)\\s+["']?(?:\\S*[\\\\/])?${escaped}\\b|^\\s*["']?(?:\\S*[\\\\/])?${escaped}["']?(?:\\s|$)`,
    'i',
  ).test(command)
}

/** Combinations that only make sense together: secrets + network, eval + fetch, socket + shell. */
function fileCombinations(
  file: string,
  text: string,
  language: ScriptLanguage,
  findings: readonly ScanFinding[],
): ScanFinding[] {
  const out: ScanFinding[] = []
  const network = NETWORK_COMMAND.test(text)
  const credentials = findings.find((f) => f.rule === 'script.credentials')
  if (network && credentials) {
    out.push(
      makeFinding(
        'script.exfiltration',
        'CRITICAL',
        file,
        credentials.line,
        'Reads credential files and talks to the network in the same script: this is how credentials are stolen. Do not approve it.',
        credentials.evidence,
      ),
    )
  }
  if (language !== 'js') return out
  const lines = new LineIndex(text)
  const at = (pattern: RegExp): number | null => {
    const m = pattern.exec(text)
    return m ? lines.lineOf(m.index) : null
  }
  const evalFinding = findings.find((f) => f.rule === 'script.eval')
  if (network && evalFinding) {
    const message =
      'Evaluates code in a script that also downloads data, the shape of download-and-execute: what runs is decided by a server after you approve. Do not approve it.'
    out.push(
      makeFinding('script.download-exec', 'CRITICAL', file, evalFinding.line, message, evalFinding.evidence),
    )
  }
  const envLine = at(JS_ENV_DUMP)
  if (network && envLine !== null) {
    out.push(makeFinding('script.exfiltration', 'CRITICAL', file, envLine, EXFIL_ENV, lines.line(envLine)))
  }
  const netLine = at(JS_NET)
  if (netLine !== null && findings.some((f) => f.rule === 'script.process') && JS_SHELL.test(text)) {
    const message =
      'Connects a network socket to a shell started with child_process: a reverse shell that gives someone else control of your computer. Do not approve it.'
    out.push(makeFinding('script.reverse-shell', 'CRITICAL', file, netLine, message, lines.line(netLine)))
  }
  return out
}

const EXFIL_ENV =
  'Collects all environment variables in a script that also sends data over the network: this is how credentials are stolen. Do not approve it.'
