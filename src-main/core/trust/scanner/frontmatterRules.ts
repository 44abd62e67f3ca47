import { isIP } from 'node:net'
import type { ScanFinding } from '../../../contract/models'
import { isPrivateAddress } from '../../sources/safeHttp'
import type { SkillManifest } from '../../skills/manifest'
import { makeFinding } from './findings'
import { homoglyphLookalike, mixedScriptWords } from './unicodeRules'

/** Tools that give the agent an unrestricted shell. */
const UNRESTRICTED =
  /^(?:\*|bash|bash\(\s*\*?\s*(?::\s*\*)?\s*\)|shell|terminal|run_shell_command|computer|exec|powershell)$/i
/** Commands that download, interpret, delete or escalate: granting them is granting a shell. */
const DANGEROUS_COMMANDS = new Set([
  'curl',
  'wget',
  'sh',
  'bash',
  'zsh',
  'dash',
  'python',
  'python3',
  'node',
  'perl',
  'ruby',
  'php',
  'nc',
  'ncat',
  'netcat',
  'socat',
  'rm',
  'sudo',
  'su',
  'chmod',
  'chown',
  'eval',
  'exec',
  'ssh',
  'scp',
  'powershell',
  'pwsh',
  'osascript',
  'env',
  'xargs',
  'dd',
  'npx',
  'pip',
  'npm',
  'crontab',
  'iex',
  'source',
])

/** Names that mean this computer or the local network (and DNS services answering with any address). */
const LOCAL_NAMES =
  /(?:^|\.)(?:localhost|local|internal|lan|home\.arpa|nip\.io|sslip\.io|xip\.io|localtest\.me|lvh\.me|vcap\.me)$/i

/**
 * A declared network domain that reaches this computer or its network rather than an internet service:
 * loopback and private names and addresses (also numeric forms like 2130706433) and wildcard DNS services.
 * Through it a sandboxed skill reaches local services: databases, Docker, cloud metadata, SkillDock's own
 * server.
 */
function isLocalDomain(domain: string): boolean {
  const host = domain.replace(/^\*\./, '')
  if (isIP(host) !== 0) return isPrivateAddress(host)
  // Numeric forms other than a plain IP (2130706433, 0x7f000001, 127.1) are how 127.0.0.1 hides.
  return LOCAL_NAMES.test(host) || /^(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+))*$/i.test(host)
}

/** Where a metadata key is written (a line of `network:` inside metadata), for the finding. */
function nestedKeyLine(lines: readonly string[], key: string): number | null {
  const index = lines.findIndex((line) => new RegExp(`^\\s+${key}\\s*:`).test(line))
  return index === -1 ? null : index + 1
}

/** 1-based line of a top-level frontmatter key, or null. */
function keyLine(lines: readonly string[], key: string): number | null {
  if (lines[0]?.trim() !== '---') return null
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? ''
    if (line.trim() === '---') return null
    if (new RegExp(`^${key}\\s*:`).test(line)) return i + 1
  }
  return null
}

/** allowed-tools that grant a broad shell, and homoglyphs in the name and description. */
export function frontmatterFindings(file: string, text: string, manifest: SkillManifest): ScanFinding[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n')
  const findings: ScanFinding[] = []
  const toolsLine = keyLine(lines, 'allowed-tools')
  for (const tool of manifest.allowedTools) {
    const command = /^bash\(\s*([^\s:)]+)/i.exec(tool)?.[1]?.toLowerCase() ?? null
    if (UNRESTRICTED.test(tool.trim()) || (command !== null && DANGEROUS_COMMANDS.has(command))) {
      findings.push(
        makeFinding(
          'text.allowed-tools.shell',
          'HIGH',
          file,
          toolsLine,
          `allowed-tools grants "${tool}", which lets the agent run ${command ? `${command} (and through it almost anything)` : 'any shell command'} without asking you. Ask the author to list only the exact commands the skill needs, e.g. Bash(git log:*).`,
          `allowed-tools: ${tool}`,
        ),
      )
    } else if (command !== null) {
      findings.push(
        makeFinding(
          'text.allowed-tools.shell',
          'LOW',
          file,
          toolsLine,
          `allowed-tools lets the agent run "${tool}" without asking you each time.`,
          `allowed-tools: ${tool}`,
        ),
      )
    }
  }
  const local = manifest.network.filter(isLocalDomain)
  if (local.length > 0) {
    findings.push(
      makeFinding(
        'text.network.local',
        'HIGH',
        file,
        nestedKeyLine(lines, 'network'),
        `metadata.skilldock.network lets the skill reach ${local.join(', ')}: this computer or your local network, not an internet service. Even sandboxed it could then talk to local databases, Docker, cloud metadata or SkillDock itself. Only approve it if the skill exists to use a local service you run.`,
        `network: ${local.join(', ')}`,
      ),
    )
  }
  if (manifest.readPaths.length > 0) {
    // A grant of the person's own files: never approved unseen (full_auto approves LOW only).
    findings.push(
      makeFinding(
        'text.read-paths',
        'MEDIUM',
        file,
        nestedKeyLine(lines, 'read'),
        `metadata.skilldock.read asks to read ${manifest.readPaths.join(', ')} outside the skill's folder (read-only, also when sandboxed). Approve it only if the skill needs exactly these files.`,
        `read: ${manifest.readPaths.join(', ')}`,
      ),
    )
  }
  if (manifest.processes > 1) {
    // Not a danger in itself, but what the person approves: the limits they set hold per process.
    findings.push(
      makeFinding(
        'text.processes',
        'LOW',
        file,
        nestedKeyLine(lines, 'processes'),
        `metadata.skilldock.processes lets SkillDock run up to ${manifest.processes} copies of this skill's server at once when calls arrive together. Each copy is sandboxed and checked like the first, and the CPU, memory and process limits of its approval apply to each copy (${manifest.processes}× in all).`,
        `processes: ${manifest.processes}`,
      ),
    )
  }
  const rawName = typeof manifest.frontmatter.name === 'string' ? manifest.frontmatter.name : manifest.name
  const nameLine = keyLine(lines, 'name')
  if (rawName !== null && /[^\x20-\x7e]/.test(rawName)) {
    const lookalike = homoglyphLookalike(rawName)
    const message = lookalike
      ? `The name "${rawName}" uses letters from another alphabet that look like Latin ones, so it imitates "${lookalike}". This is how impostor skills pass for trusted ones: do not approve it.`
      : `The name "${rawName}" contains non-ASCII characters; skill names must be plain lowercase ASCII. Ask the author to rename it.`
    findings.push(
      makeFinding('text.homoglyph.name', lookalike ? 'HIGH' : 'MEDIUM', file, nameLine, message, rawName),
    )
  }
  const description = manifest.description ?? ''
  const mixed = mixedScriptWords(description)[0]
  if (mixed) {
    findings.push(
      makeFinding(
        'text.homoglyph.mixed-script',
        'MEDIUM',
        file,
        keyLine(lines, 'description'),
        `The description contains "${mixed.word}", a word mixing Latin letters with look-alike letters from another alphabet. That is a way to imitate a trusted name or dodge filters; ask the author to fix it.`,
        mixed.word,
      ),
    )
  }
  return findings
}
