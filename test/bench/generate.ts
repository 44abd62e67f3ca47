import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Words the generated descriptions (and the search queries) are made of. */
export const WORDS = (
  'invoice pdf chart weather calendar email summary translate csv json yaml image resize audio ' +
  'transcribe schedule reminder budget expense travel recipe fitness journal code review test ' +
  'deploy docker kubernetes database query report slide spreadsheet markdown lint format search ' +
  'bookmark contact meeting notes todo backup sync archive compress encrypt hash diff merge'
).split(' ')

const pick = (i: number, k: number) => WORDS[(i * 7919 + k * 104_729) % WORDS.length]!

/** A generated skill's name. */
export const skillName = (i: number) => `gen-skill-${i}`

/** Writes `count` valid skills (SKILL.md plus one reference file) under `root`. */
export function generateSkills(
  root: string,
  count: number,
  options: { tools?: number; server?: boolean } = {},
): string[] {
  const names: string[] = []
  for (let i = 0; i < count; i++) {
    const name = skillName(i)
    const dir = join(root, name)
    mkdirSync(join(dir, 'references'), { recursive: true })
    const description = `Helps with ${pick(i, 1)} ${pick(i, 2)} and ${pick(i, 3)} tasks (generated ${i}).`
    const tools = options.tools
      ? `tools: [${Array.from({ length: options.tools }, (_, t) => `tool_${t}`).join(', ')}]\n`
      : ''
    writeFileSync(
      join(dir, 'SKILL.md'),
      `---\nname: ${name}\ndescription: ${description}\n${tools}---\n# ${name}\n\n` +
        `Use this skill for ${pick(i, 4)} and ${pick(i, 5)}. See references/GUIDE.md.\n`,
    )
    writeFileSync(join(dir, 'references', 'GUIDE.md'), `# Guide for ${name}\n\n${pick(i, 6)} first.\n`)
    if (options.server)
      writeFileSync(join(dir, 'skill.py'), 'raise SystemExit("never started by the bench")\n')
    names.push(name)
  }
  return names
}
