/** A glob over skill or tool names: `*` matches any run of characters; everything else is literal. */
export function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\/-]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${source}$`).test(name)
}

/** A permission pattern split into its parts: `*` → any skill, `skill` → `skill/*`. */
export function splitPattern(pattern: string): { skill: string; tool: string } {
  const slash = pattern.indexOf('/')
  if (slash < 0) return { skill: pattern, tool: '*' }
  return { skill: pattern.slice(0, slash), tool: pattern.slice(slash + 1) }
}

/** True when a permission pattern allows calling `skill`'s `tool`. */
export function patternAllowsCall(pattern: string, skill: string, tool: string): boolean {
  const parts = splitPattern(pattern)
  return globMatches(parts.skill, skill) && globMatches(parts.tool, tool)
}

/** True when a permission pattern allows at least one tool of `skill` (so the skill is visible). */
export function patternAllowsSkill(pattern: string, skill: string): boolean {
  return globMatches(splitPattern(pattern).skill, skill)
}
