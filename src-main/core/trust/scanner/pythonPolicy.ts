import type { ScanFinding } from '../../../contract/models'
import { makeFinding } from './findings'
import type { PythonFileAnalysis, RawPythonFinding } from './pythonAnalyzer'
import {
  hostConcern,
  hostDeclared,
  isProvidedVariable,
  looksLikeCredential,
  type SkillContext,
} from './skillContext'
import { scanProse } from './textRules'

/** Programs that run other code or reach the network: declaring them is not a reason to trust a call. */
const GENERAL_PURPOSE = new Set([
  'sh',
  'bash',
  'zsh',
  'dash',
  'ksh',
  'fish',
  'python',
  'python3',
  'python2',
  'perl',
  'ruby',
  'node',
  'deno',
  'bun',
  'php',
  'powershell',
  'pwsh',
  'cmd',
  'cmd.exe',
  'osascript',
  'curl',
  'wget',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'sudo',
  'su',
  'env',
  'xargs',
  'busybox',
  'ssh',
  'scp',
  'rm',
  'dd',
])

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []

/**
 * Weighs the analyzer's facts against what the skill declares (network domains, credentials,
 * required programs) and checks docstrings and tool descriptions for prompt injection.
 */
export function pythonFindings(
  analyses: readonly PythonFileAnalysis[],
  context: SkillContext,
): ScanFinding[] {
  const findings: ScanFinding[] = []
  for (const analysis of analyses) {
    for (const raw of analysis.findings) {
      const weighed = weigh(analysis.path, raw, context)
      if (weighed) findings.push(weighed)
    }
    findings.push(...scanProse(analysis.path, analysis.texts, context))
  }
  return findings
}

function weigh(file: string, raw: RawPythonFinding, context: SkillContext): ScanFinding | null {
  const facts = raw.facts ?? {}
  const keep = (rule = raw.rule, severity = raw.severity, message = raw.message): ScanFinding =>
    makeFinding(rule, severity, file, raw.line, message, raw.evidence)
  switch (raw.rule) {
    case 'py.exec.process': {
      const program = typeof facts.program === 'string' ? facts.program : null
      const declared =
        program !== null && facts.literal === true && facts.shell !== true && context.bins.has(program)
      if (declared && !GENERAL_PURPOSE.has(program)) {
        return keep(
          raw.rule,
          'MEDIUM',
          `Runs ${program}, which the skill declares in requires.bins, with a fixed argument list and no shell. Check that the arguments cannot be turned into other commands.`,
        )
      }
      return keep()
    }
    case 'py.network':
      return network(file, raw, context)
    case 'py.credentials.env':
      return environmentRead(raw, context, keep)
    case 'py.exfiltration': {
      const env = strings(facts.env)
      const onlyDeclared = env.every((name) => context.env.has(name) || isProvidedVariable(name))
      if (facts.secret !== true && facts.environ !== true && onlyDeclared) return null
      return keep()
    }
    default:
      return keep()
  }
}

function environmentRead(
  raw: RawPythonFinding,
  context: SkillContext,
  keep: (rule?: string, severity?: ScanFinding['severity'], message?: string) => ScanFinding,
): ScanFinding | null {
  const name = typeof raw.facts?.name === 'string' ? raw.facts.name : null
  if (name === null) {
    return keep(
      raw.rule,
      'MEDIUM',
      'Reads an environment variable whose name is computed at run time, so it could read any credential. Ask the author to read declared variables by name.',
    )
  }
  if (context.env.has(name) || isProvidedVariable(name)) return null
  if (looksLikeCredential(name)) {
    return keep(
      raw.rule,
      'HIGH',
      `Reads ${name}, which looks like a credential but is not declared in metadata.skilldock.credentials (or requires.env). Undeclared credentials are a sign the skill is after secrets it was not given; ask the author to declare it.`,
    )
  }
  return keep(
    raw.rule,
    'LOW',
    `Reads the environment variable ${name}, which the skill does not declare. SkillDock does not pass undeclared variables to skills, so it will be empty.`,
  )
}

const LOOPBACK = /^(?:localhost|127\.|::1$|0\.0\.0\.0$)/

function network(file: string, raw: RawPythonFinding, context: SkillContext): ScanFinding {
  const facts = raw.facts ?? {}
  const hosts = strings(facts.hosts).filter((h) => !LOOPBACK.test(h))
  const mentioned = strings(facts.mentioned).filter((h) => !LOOPBACK.test(h))
  const modules = strings(facts.modules).join(', ') || 'network modules'
  const dynamic = facts.dynamic === true
  const finding = (rule: string, severity: ScanFinding['severity'], message: string): ScanFinding =>
    makeFinding(rule, severity, file, raw.line, message, raw.evidence)
  const suspicious = [...hosts, ...mentioned].filter((h) => {
    const concern = hostConcern(h)
    return concern === 'paste-site' || concern === 'raw-ip'
  })
  if (suspicious.length > 0) {
    return finding(
      'py.network.suspicious-host',
      'HIGH',
      `Connects to ${suspicious.join(', ')}: a bare IP address or a paste/tunnel/request-capture site, which attackers use to serve payloads and collect stolen data. Do not approve it unless the author explains why.`,
    )
  }
  const undeclared = hosts.filter((h) => !hostDeclared(h, context.network))
  if (undeclared.length > 0) {
    return finding(
      'py.network.undeclared',
      'HIGH',
      `Connects to ${undeclared.join(', ')}, which metadata.skilldock.network does not declare. A skill must declare every domain it talks to; otherwise it may be sending your data somewhere you did not agree to.`,
    )
  }
  if (context.network.length === 0) {
    return finding(
      'py.network.undeclared',
      'HIGH',
      `Uses the network (${modules}) but declares no domains in metadata.skilldock.network, so there is no telling where your data goes. Ask the author to declare the domains.`,
    )
  }
  if (dynamic) {
    const maybe = mentioned.filter((h) => !hostDeclared(h, context.network))
    const also = maybe.length > 0 ? ` It also mentions ${maybe.join(', ')}, which are not declared.` : ''
    return finding(
      'py.network.dynamic',
      'MEDIUM',
      `Uses the network (${modules}) with addresses computed at run time. Check they stay within the declared domains (${context.network.join(', ')}).${also}`,
    )
  }
  return finding(
    'py.network.declared',
    'LOW',
    `Uses the network only to reach declared domains (${hosts.join(', ') || context.network.join(', ')}).`,
  )
}
