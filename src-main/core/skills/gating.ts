import { accessSync, constants, statSync } from 'node:fs'
import { delimiter as hostDelimiter, isAbsolute, join } from 'node:path'
import type { GatingRequirements } from './manifest'

/** What eligibility checks need to know about the machine; a small interface so tests can fake it. */
export interface HostEnvironment {
  platform: NodeJS.Platform
  hasBinary(name: string): boolean
  hasEnv(name: string): boolean
}

export interface Eligibility {
  eligible: boolean
  /** One plain sentence per unmet requirement, e.g. "needs `gh` on PATH". */
  reasons: string[]
}

const DEFAULT_PATHEXT = '.COM;.EXE;.BAT;.CMD'
const PLATFORM_NAMES = new Map<string, string>([
  ['darwin', 'macOS'],
  ['linux', 'Linux'],
  ['win32', 'Windows'],
  ['freebsd', 'FreeBSD'],
  ['openbsd', 'OpenBSD'],
  ['aix', 'AIX'],
  ['sunos', 'SunOS'],
  ['android', 'Android'],
])
const OS_ALIASES = new Map([
  ['macos', 'darwin'],
  ['windows', 'win32'],
])

/** A host environment reading PATH (and PATHEXT on Windows) with a cache of lookups; `env` defaults to process.env. */
export function createHostEnvironment(
  options: {
    env?: NodeJS.ProcessEnv
    platform?: NodeJS.Platform
    extraEnvNames?: () => Iterable<string>
  } = {},
): HostEnvironment {
  const env = options.env ?? process.env
  const platform = options.platform ?? process.platform
  const windows = platform === 'win32'
  // Windows environment names are case-insensitive (PATH is often spelled "Path").
  const read = (name: string): string | undefined => {
    if (!windows) return Object.hasOwn(env, name) ? env[name] : undefined
    const key = Object.keys(env).find((candidate) => candidate.toUpperCase() === name.toUpperCase())
    return key === undefined ? undefined : env[key]
  }
  const separator = windows ? ';' : platform === process.platform ? hostDelimiter : ':'
  // Empty PATH entries mean "the current folder"; never trust that for gating.
  const dirs = (read('PATH') ?? '').split(separator).filter((dir) => dir !== '' && isAbsolute(dir))
  const extensions = windows
    ? (read('PATHEXT') ?? DEFAULT_PATHEXT).split(';').filter((ext) => ext !== '')
    : []
  const cache = new Map<string, boolean>()

  const candidates = (name: string): string[] => {
    if (!windows) return [name]
    const hasExtension = extensions.some((ext) => name.toLowerCase().endsWith(ext.toLowerCase()))
    return [...(hasExtension ? [name] : []), ...extensions.map((ext) => name + ext)]
  }
  const lookup = (name: string): boolean => {
    if (name === '') return false
    // A name with a separator is a path: only an absolute one can be checked without a working folder.
    if (/[\\/]/.test(name)) return isAbsolute(name) && isExecutableFile(name, windows)
    const paths = dirs.flatMap((dir) => candidates(name).map((file) => join(dir, file)))
    return paths.some((path) => isExecutableFile(path, windows))
  }

  return {
    platform,
    hasBinary(name) {
      let found = cache.get(name)
      if (found === undefined) {
        found = lookup(name)
        cache.set(name, found)
      }
      return found
    },
    hasEnv(name) {
      const value = read(name)
      if (value !== undefined && value !== '') return true
      if (!options.extraEnvNames) return false
      for (const extra of options.extraEnvNames()) if (extra === name) return true
      return false
    },
  }
}

function isExecutableFile(path: string, windows: boolean): boolean {
  try {
    if (!statSync(path, { throwIfNoEntry: false })?.isFile()) return false
    // Windows has no execute bit; PATHEXT already decided what counts as a program.
    if (!windows) accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** Checks OpenClaw gating requirements against the host. `config` requirements are not checked. */
export function checkEligibility(
  requires: GatingRequirements,
  host: HostEnvironment,
  options: { skillName?: string } = {},
): Eligibility {
  const reasons: string[] = []
  const platforms = unique(requires.os.map((os) => OS_ALIASES.get(os.toLowerCase()) ?? os.toLowerCase()))
  if (platforms.length > 0 && !platforms.includes(host.platform)) {
    const names = unique(platforms.map(platformName)).join(', ')
    reasons.push(`only runs on ${names} (this is ${platformName(host.platform)})`)
  }
  for (const bin of unique(requires.bins)) {
    if (!host.hasBinary(bin)) reasons.push(`needs \`${bin}\` on PATH`)
  }
  const anyBins = unique(requires.anyBins)
  if (anyBins.length > 0 && !anyBins.some((bin) => host.hasBinary(bin))) {
    reasons.push(`needs one of ${anyBins.map((bin) => `\`${bin}\``).join(', ')} on PATH`)
  }
  const skill = options.skillName ?? '<skill>'
  for (const name of unique(requires.env)) {
    if (!host.hasEnv(name)) {
      reasons.push(
        `needs environment variable \`${name}\` (set it, or store it with \`skilldock secrets set ${skill} ${name}\`)`,
      )
    }
  }
  return { eligible: reasons.length === 0, reasons }
}

function platformName(platform: string): string {
  return PLATFORM_NAMES.get(platform) ?? platform
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)]
}
