import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../base/appError'
import { SECRET_NAME } from '../secrets/secretStore'

/** The only parent variables a skill process inherits. */
export const INHERITED_VARIABLES: readonly string[] = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'SystemRoot',
  'COMSPEC',
  'PATHEXT',
  'WINDIR',
]

/** The locale a skill gets when the parent has none, so Python's stdio speaks UTF-8. */
export const DEFAULT_LANG = 'C.UTF-8'

/**
 * Names a credential may not take: what SkillDock sets or deliberately keeps out, and what steers
 * the interpreter or the loader rather than the skill.
 */
const RESERVED_CREDENTIAL_PREFIXES = ['SKILLDOCK_', 'PYTHON', 'ELECTRON_', 'NODE_', 'NPM_', 'LD_', 'DYLD_']

export interface SkillEnvironmentOptions {
  parent: NodeJS.ProcessEnv
  /** The skill's own writable folder (`SKILLDOCK_SKILL_DATA`). */
  dataDir: string
  /** The skill's folder (`SKILLDOCK_SKILL_DIR`). */
  skillDir: string
  /** The skill's declared credentials, already read from the keychain. */
  credentials: Record<string, string>
}

/**
 * A skill's environment, built rather than inherited: the listed parent variables, SkillDock's
 * own, then the skill's credentials. Nothing else from the parent (API keys, `NODE_OPTIONS`,
 * `ELECTRON_*`, `PYTHON*`, `SKILLDOCK_HOME`) reaches the skill. Creates `<dataDir>/tmp` when it
 * becomes TMPDIR.
 */
export function buildSkillEnvironment(options: SkillEnvironmentOptions): Record<string, string> {
  const env: Record<string, string> = {}
  for (const name of INHERITED_VARIABLES) {
    const value = parentValue(options.parent, name)
    if (value !== undefined) env[name] = value
  }
  env.LANG ??= DEFAULT_LANG
  if (env.TMPDIR === undefined) {
    const tmp = join(options.dataDir, 'tmp')
    mkdirSync(tmp, { recursive: true, mode: 0o700 })
    env.TMPDIR = tmp
  }
  env.SKILLDOCK_SKILL_DATA = options.dataDir
  env.SKILLDOCK_SKILL_DIR = options.skillDir
  for (const [name, value] of Object.entries(options.credentials)) {
    checkCredentialName(name)
    env[name] = value
  }
  return env
}

/** Exact name first; Windows names are case-insensitive (`Path`), so a copied env still matches there. */
function parentValue(parent: NodeJS.ProcessEnv, name: string): string | undefined {
  let value = parent[name]
  if (value === undefined && process.platform === 'win32') {
    const key = Object.keys(parent).find((candidate) => candidate.toUpperCase() === name.toUpperCase())
    value = key === undefined ? undefined : parent[key]
  }
  return value === '' ? undefined : value
}

function checkCredentialName(name: string): void {
  if (!SECRET_NAME.test(name)) {
    throw new AppError(
      'INVALID_SKILL',
      `The credential ${JSON.stringify(name.slice(0, 80))} is not an environment variable name. Rename it in metadata.skilldock.credentials (letters, digits and "_", e.g. API_KEY).`,
      { credential: name },
    )
  }
  const upper = name.toUpperCase()
  // Compared without case: on Windows, a credential named Path would replace PATH.
  const inherited = INHERITED_VARIABLES.some((variable) => variable.toUpperCase() === upper)
  const reserved = RESERVED_CREDENTIAL_PREFIXES.some((prefix) => upper.startsWith(prefix))
  if (inherited || reserved) {
    throw new AppError(
      'INVALID_SKILL',
      `A credential may not be named ${name}: SkillDock sets or removes that variable for every skill. Rename the credential in SKILL.md (metadata.skilldock.credentials or metadata.openclaw.requires.env).`,
      { credential: name },
    )
  }
}
