import type { SourceType } from '../../../src-main/contract'
import { sourceKindFacts } from '../../../src-main/contract/sourceKindFacts'

/** What the add dialog makes of the text it was given. */
export interface DetectedSource {
  type: SourceType
  /** A suggested source name (letters, digits, ".", "_", "-"). */
  name: string
}

const GIT_HOSTS = /^(https?:\/\/)?(www\.)?(github\.com|gitlab\.com|bitbucket\.org|codeberg\.org)\//i

/** Whether the text is SKILL.md content (frontmatter first) rather than a location. */
export function looksLikeSkillMd(input: string): boolean {
  return /^\uFEFF?---\r?\n[\s\S]*\n---/.test(input.trimStart())
}

/** Detects a source's type from a URL or folder path; null while nothing usable was typed. */
export function detectSource(input: string): DetectedSource | null {
  const text = input.trim()
  if (text === '') return null
  let type: SourceType | undefined
  // Git is known by its hosts and `.git` as well as by its schemes; other kinds by their schemes.
  if (/^git@|\.git\/?$/i.test(text) || GIT_HOSTS.test(text)) type = 'git'
  else {
    const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text)?.[1]?.toLowerCase()
    if (scheme === undefined) type = 'local'
    else
      type = (Object.keys(sourceKindFacts) as SourceType[]).find((t) =>
        sourceKindFacts[t].schemes.includes(scheme),
      )
  }
  // A URL of a scheme no kind takes is nothing SkillDock can add.
  return type ? { type, name: suggestName(text) } : null
}

function suggestName(text: string): string {
  const last =
    text
      .replace(/[?#].*$/, '')
      .replace(/[\\/]+$/, '')
      .replace(/\.(git|zip|tar\.gz|tgz|json)$/i, '')
      .split(/[\\/:]/)
      .filter((part) => part !== '')
      .pop() ?? ''
  const name = last
    .replace(/[^a-zA-Z0-9._-]+/g, '-')
    .replace(/^[^a-zA-Z0-9]+/, '')
    .slice(0, 64)
  return name || 'source'
}
