import type { FrontmatterEntry, PathSegment } from './frontmatter'
import { describeValue, fieldPath, isPlainObject, type IssueCollector, stringList } from './issues'
import type { GatingRequirements, SkillCredential, SkillManifest } from './manifest'

/** The manifest fields that come from `metadata` and its `openclaw` / `clawdbot` / `skilldock` maps. */
export type MetadataFields = Pick<
  SkillManifest,
  | 'metadata'
  | 'requires'
  | 'primaryEnv'
  | 'emoji'
  | 'homepage'
  | 'credentials'
  | 'network'
  | 'readPaths'
  | 'server'
  | 'timeoutSeconds'
  | 'processes'
>

/** Reports one problem at a path inside `metadata`. */
type Report = (code: string, path: PathSegment[], message: string) => void

export const MAX_TIMEOUT_SECONDS = 3600
/** The most server processes one skill may declare (metadata.skilldock.processes). */
export const MAX_SKILL_PROCESSES = 4
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/
const DOMAIN = /^(\*\.)?[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/i
const REQUIREMENT_LISTS = ['bins', 'anyBins', 'env', 'config'] as const
/** OpenClaw `os` values are Node platform names; people also write the marketing names. */
const OS_NAMES = new Map<string, string>([
  ['darwin', 'darwin'],
  ['macos', 'darwin'],
  ['linux', 'linux'],
  ['win32', 'win32'],
  ['windows', 'win32'],
])

export function emptyRequirements(): GatingRequirements {
  return { os: [], bins: [], anyBins: [], env: [], config: [] }
}

export function emptyMetadataFields(): MetadataFields {
  return {
    metadata: {},
    requires: emptyRequirements(),
    primaryEnv: null,
    emoji: null,
    homepage: null,
    credentials: [],
    network: [],
    readPaths: [],
    server: null,
    timeoutSeconds: null,
    processes: 1,
  }
}

/** Reads `metadata` (a map, or a JSON object written as a string) and checks its known sub-maps. */
export function readMetadata(entry: FrontmatterEntry, issues: IssueCollector): MetadataFields {
  const out = emptyMetadataFields()
  const report: Report = (code, path, message) =>
    issues.error(code, message, fieldPath(['metadata', ...path]), entry.lineOf(path))
  const map = metadataMap(entry.value, report)
  if (!map) return out
  out.metadata = map
  if (map.clawdbot !== undefined && map.clawdbot !== null)
    Object.assign(out, readOpenClaw(map.clawdbot, 'clawdbot', report))
  // When both are present, the current name (openclaw) wins.
  if (map.openclaw !== undefined && map.openclaw !== null)
    Object.assign(out, readOpenClaw(map.openclaw, 'openclaw', report))
  if (map.skilldock !== undefined && map.skilldock !== null) readSkillDock(map.skilldock, report, out)
  return out
}

function metadataMap(value: unknown, report: Report): Record<string, unknown> | null {
  if (value === null) return null
  if (isPlainObject(value)) return value
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value)
      if (isPlainObject(parsed)) return parsed
      report(
        'METADATA_INVALID',
        [],
        `metadata is a JSON string, but it holds ${describeValue(parsed)} instead of an object. Write metadata as a map.`,
      )
    } catch (err) {
      const reason = err instanceof Error ? err.message : String(err)
      report(
        'METADATA_INVALID',
        [],
        `metadata is a string but not valid JSON (${reason}). Write it as a YAML map, or fix the JSON.`,
      )
    }
    return null
  }
  report(
    'METADATA_INVALID',
    [],
    `metadata must be a map of keys to values, but it is ${describeValue(value)}.`,
  )
  return null
}

function readOpenClaw(value: unknown, key: 'openclaw' | 'clawdbot', report: Report): Partial<MetadataFields> {
  const name = `metadata.${key}`
  const invalid = (path: PathSegment[], message: string): void =>
    report('OPENCLAW_INVALID', [key, ...path], message)
  if (!isPlainObject(value)) {
    invalid([], `${name} must be a map (requires, os, emoji, …), but it is ${describeValue(value)}.`)
    return {}
  }
  const requires = emptyRequirements()
  const given = value.requires
  if (given !== undefined && given !== null && !isPlainObject(given)) {
    invalid(
      ['requires'],
      `${name}.requires must be a map (bins, anyBins, env, config), but it is ${describeValue(given)}.`,
    )
  } else if (isPlainObject(given)) {
    for (const list of REQUIREMENT_LISTS) {
      if (given[list] === undefined || given[list] === null) continue
      const names = stringList(given[list])
      if (names) requires[list] = names
      else
        invalid(
          ['requires', list],
          `${name}.requires.${list} must be a list of names, e.g. ["gh"], but it is ${describeValue(given[list])}.`,
        )
    }
  }
  requires.os = readOsList(value.os, name, invalid)
  const text = (field: 'primaryEnv' | 'emoji' | 'homepage'): string | null => {
    const fieldValue = value[field]
    if (fieldValue === undefined || fieldValue === null) return null
    if (typeof fieldValue === 'string') return fieldValue
    invalid([field], `${name}.${field} must be text, but it is ${describeValue(fieldValue)}.`)
    return null
  }
  const install = value.install
  if (install !== undefined && install !== null && !Array.isArray(install)) {
    invalid(
      ['install'],
      `${name}.install must be a list of install steps, but it is ${describeValue(install)}.`,
    )
  }
  return { requires, primaryEnv: text('primaryEnv'), emoji: text('emoji'), homepage: text('homepage') }
}

function readOsList(
  value: unknown,
  name: string,
  invalid: (path: PathSegment[], message: string) => void,
): string[] {
  if (value === undefined || value === null) return []
  const list = stringList(value)
  if (!list) {
    invalid(['os'], `${name}.os must be a list like ["darwin", "linux"], but it is ${describeValue(value)}.`)
    return []
  }
  const platforms: string[] = []
  list.forEach((item, index) => {
    const platform = OS_NAMES.get(item.trim().toLowerCase())
    if (platform === undefined)
      invalid(['os', index], `${name}.os has "${item}"; use darwin, linux or win32.`)
    else if (!platforms.includes(platform)) platforms.push(platform)
  })
  return platforms
}

function readSkillDock(value: unknown, report: Report, out: MetadataFields): void {
  if (!isPlainObject(value)) {
    const message = `metadata.skilldock must be a map (credentials, network, read, server, timeoutSeconds, processes), but it is ${describeValue(value)}.`
    report('METADATA_INVALID', ['skilldock'], message)
    return
  }
  if (value.credentials !== undefined && value.credentials !== null)
    out.credentials = readCredentials(value.credentials, report)
  if (value.network !== undefined && value.network !== null) out.network = readNetwork(value.network, report)
  if (value.read !== undefined && value.read !== null) out.readPaths = readReadPaths(value.read, report)
  if (value.server !== undefined && value.server !== null) out.server = readServer(value.server, report)
  if (value.processes !== undefined && value.processes !== null)
    out.processes = readProcesses(value.processes, report)
  const timeout = value.timeoutSeconds
  if (timeout === undefined || timeout === null) return
  if (
    typeof timeout === 'number' &&
    Number.isFinite(timeout) &&
    timeout > 0 &&
    timeout <= MAX_TIMEOUT_SECONDS
  ) {
    out.timeoutSeconds = timeout
  } else {
    const message = `metadata.skilldock.timeoutSeconds must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, but it is ${describeValue(timeout)}.`
    report('TIMEOUT_INVALID', ['skilldock', 'timeoutSeconds'], message)
  }
}

/** How many server processes calls to the skill may be spread over (1 unless it declares more). */
function readProcesses(value: unknown, report: Report): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= MAX_SKILL_PROCESSES)
    return value
  report(
    'PROCESSES_INVALID',
    ['skilldock', 'processes'],
    `metadata.skilldock.processes must be a whole number from 1 to ${MAX_SKILL_PROCESSES} (how many server processes calls may be spread over), but it is ${describeValue(value)}.`,
  )
  return 1
}

function readCredentials(value: unknown, report: Report): SkillCredential[] {
  const base = 'metadata.skilldock.credentials'
  if (!Array.isArray(value)) {
    report(
      'CREDENTIALS_INVALID',
      ['skilldock', 'credentials'],
      `${base} must be a list of {name, description, required} maps, but it is ${describeValue(value)}.`,
    )
    return []
  }
  const credentials: SkillCredential[] = []
  value.forEach((item: unknown, index) => {
    const invalid = (path: PathSegment[], message: string): void =>
      report(
        'CREDENTIALS_INVALID',
        ['skilldock', 'credentials', index, ...path],
        `${base}[${index}]${message}`,
      )
    if (!isPlainObject(item)) {
      invalid(
        [],
        ` must be a map like {name: API_TOKEN, description: "…", required: true}, but it is ${describeValue(item)}.`,
      )
      return
    }
    const { name, description, required } = item
    let ok = true
    if (typeof name !== 'string' || !ENV_NAME.test(name)) {
      invalid(
        ['name'],
        `.name must be an environment variable name (uppercase letters, digits and "_", e.g. GITHUB_TOKEN), but it is ${describeValue(name)}.`,
      )
      ok = false
    } else if (credentials.some((credential) => credential.name === name)) {
      invalid(['name'], `.name "${name}" is declared twice; declare each credential once.`)
      ok = false
    }
    if (description !== undefined && description !== null && typeof description !== 'string') {
      invalid(['description'], `.description must be text, but it is ${describeValue(description)}.`)
      ok = false
    }
    if (required !== undefined && required !== null && typeof required !== 'boolean') {
      invalid(['required'], `.required must be true or false, but it is ${describeValue(required)}.`)
      ok = false
    }
    if (ok && typeof name === 'string') {
      credentials.push({
        name,
        description: typeof description === 'string' ? description : '',
        required: typeof required === 'boolean' ? required : true,
      })
    }
  })
  return credentials
}

function readNetwork(value: unknown, report: Report): string[] {
  if (!Array.isArray(value)) {
    report(
      'NETWORK_INVALID',
      ['skilldock', 'network'],
      `metadata.skilldock.network must be a list of domains like ["api.github.com", "*.example.com"], but it is ${describeValue(value)}.`,
    )
    return []
  }
  const domains: string[] = []
  value.forEach((item: unknown, index) => {
    if (typeof item === 'string' && item.length <= 253 && DOMAIN.test(item)) {
      domains.push(item.toLowerCase())
      return
    }
    const hint =
      typeof item === 'string' && /[/:]/.test(item)
        ? 'write the host name only, without scheme, port or path, e.g. "api.example.com"'
        : 'use a domain like "api.example.com" or "*.example.com"'
    report(
      'NETWORK_INVALID',
      ['skilldock', 'network', index],
      `metadata.skilldock.network has ${describeValue(item)}; ${hint}.`,
    )
  })
  return domains
}

/** `metadata.skilldock.read`: absolute paths or `~/…`, no `..` (the sandbox binds them read-only). */
function readReadPaths(value: unknown, report: Report): string[] {
  const base = 'metadata.skilldock.read'
  if (!Array.isArray(value)) {
    report(
      'READ_PATHS_INVALID',
      ['skilldock', 'read'],
      `${base} must be a list of paths like ["~/Documents/reports", "/srv/data"], but it is ${describeValue(value)}.`,
    )
    return []
  }
  const paths: string[] = []
  value.forEach((item: unknown, index) => {
    const ok =
      typeof item === 'string' &&
      item.length <= 1024 &&
      (item.startsWith('/') || item.startsWith('~/')) &&
      !item.split('/').includes('..') &&
      !item.includes('\0')
    if (ok) {
      if (!paths.includes(item)) paths.push(item)
      return
    }
    report(
      'READ_PATHS_INVALID',
      ['skilldock', 'read', index],
      `${base} has ${describeValue(item)}; write an absolute path or one starting with ~/, without "..".`,
    )
  })
  return paths
}

function readServer(value: unknown, report: Report): { command: string; args: string[] } | null {
  const base = 'metadata.skilldock.server'
  if (!isPlainObject(value)) {
    report(
      'SERVER_INVALID',
      ['skilldock', 'server'],
      `${base} must be a map like {command: node, args: [server.js]}, but it is ${describeValue(value)}.`,
    )
    return null
  }
  const { command, args } = value
  let ok = true
  if (typeof command !== 'string' || command.trim() === '') {
    report(
      'SERVER_INVALID',
      ['skilldock', 'server', 'command'],
      `${base}.command must be the program to run, e.g. "node", but it is ${describeValue(command)}.`,
    )
    ok = false
  }
  const argList = args === undefined || args === null ? [] : args
  if (!Array.isArray(argList) || !argList.every((arg) => typeof arg === 'string')) {
    report(
      'SERVER_INVALID',
      ['skilldock', 'server', 'args'],
      `${base}.args must be a list of strings, but it is ${describeValue(args)}.`,
    )
    ok = false
  }
  return ok && typeof command === 'string' ? { command, args: argList as string[] } : null
}
