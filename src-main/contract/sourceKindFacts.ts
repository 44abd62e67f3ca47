import type { SourceType } from './sources'

// Plain data and no zod: the one contract file the renderer may import values from (see
// eslint.config.js), so the add dialog, the Sources page, the CLI and core read the same facts.

/**
 * What the UI and the CLI say about one kind of source. How it is checked and fetched lives in its
 * module in core/sources/kinds/; the renderer cannot import core, so it reads these.
 */
export interface SourceKindFacts {
  /** The kind of one source: the add dialog's "Detected:" badge ("Git repository"). */
  label: string
  /** Its sources in a list of where skills come from (Sources page header, `source --help`). */
  plural: string
  /**
   * What the user types for it ("Git URL"), in the add dialog's field label and `source add` help;
   * null for a kind that is only added with an explicit type (never guessed from what is typed).
   */
  given: string | null
  /** An example of what to type, shown in the add dialog's placeholder; null to show none. */
  example: string | null
  /** URL schemes (the part before "://", lowercase) the add dialog takes to be this kind. */
  schemes: readonly string[]
  /** Whether it takes a ref (branch, tag or commit): the add dialog and `--ref` offer one. */
  takesRef: boolean
  /**
   * Whether its sources may send a bearer token kept in the keychain (the Sources page offers
   * "Token"); the kind's `takesToken(url)` in core says which of its URLs do.
   */
  takesToken: boolean
  /** Whether it fetches from a host, so "local or private host" (`allowLocal`) applies to it. */
  remote: boolean
}

/** The facts of every kind, by `SourceType`, in the enum's order (lists of kinds follow it). */
export const sourceKindFacts: Record<SourceType, SourceKindFacts> = {
  git: {
    label: 'Git repository',
    plural: 'git repositories',
    given: 'Git URL',
    example: 'https://github.com/org/skills.git',
    schemes: ['git', 'ssh'],
    takesRef: true,
    takesToken: false,
    remote: true,
  },
  local: {
    label: 'Local folder',
    plural: 'folders',
    given: 'folder path',
    example: '/home/me/skills',
    schemes: ['file'],
    takesRef: false,
    takesToken: false,
    remote: false,
  },
  http: {
    label: 'HTTP index or archive',
    plural: 'HTTP indexes',
    given: 'HTTP URL',
    example: null,
    schemes: ['http', 'https'],
    takesRef: false,
    takesToken: false,
    remote: true,
  },
  mcp: {
    label: 'MCP',
    plural: 'MCP servers',
    given: null,
    example: null,
    schemes: [],
    takesRef: false,
    takesToken: true,
    remote: true,
  },
}

/**
 * The kinds in the enum's order, the folder (what anything else is taken for) where it reads best:
 * `folderLast` for what to type ("Git URL, HTTP URL or folder path"), first otherwise.
 */
export function sourceKindsListed(folderLast = false): SourceType[] {
  const all = Object.keys(sourceKindFacts) as SourceType[]
  const remote = all.filter((t) => sourceKindFacts[t].remote)
  const here = all.filter((t) => !sourceKindFacts[t].remote)
  return folderLast ? [...remote, ...here] : [...here, ...remote]
}

/** "a, b or c" (or "and"): a list of kinds in a sentence. */
export function joinKinds(parts: readonly string[], last: 'or' | 'and' = 'or'): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} ${last} ${parts[parts.length - 1]}`
}
