import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect } from 'vitest'
import type { ValidationIssue } from '../../../../src-main/contract/models'
import { type ParsedSkill, parseSkillMd } from '../../../../src-main/core/skills/manifest'

// Shared by the SKILL.md parsing and loading suites (manifest*.test.ts, validate*.test.ts).
export const FIXTURES = resolve(__dirname, '../../../fixtures/skills')

export const fixture = (name: string): string => join(FIXTURES, name)

/** A SKILL.md whose frontmatter lines start on line 2. */
export function skillMd(lines: string[], body = '# Instructions\n\nDo the thing.\n'): string {
  return `---\n${lines.join('\n')}\n---\n\n${body}`
}

export function only(issues: ValidationIssue[], code: string): ValidationIssue {
  const found = issues.filter((issue) => issue.code === code)
  expect(found, `expected exactly one ${code} in ${JSON.stringify(issues)}`).toHaveLength(1)
  return found[0] as ValidationIssue
}

export const codes = (issues: ValidationIssue[]): string[] => issues.map((issue) => issue.code)

export const tempDirs: string[] = []

export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'skilldock-manifest-'))
  tempDirs.push(dir)
  return dir
}

/** Parses a SKILL.md with a valid name and description plus `lines` (the first of them on line 4). */
export function parseWith(lines: string[], folderName?: string): ParsedSkill {
  const text = `---\nname: my-skill\ndescription: Does one thing well.\n${lines.join('\n')}\n---\n\n# Body\n`
  return parseSkillMd(text, { folderName })
}

/** Parses a SKILL.md made only of `lines` (the first on line 2). */
export function parseOnly(lines: string[], folderName?: string): ParsedSkill {
  return parseSkillMd(`---\n${lines.join('\n')}\n---\n\n# Body\n`, { folderName })
}
