const escapeXml = (text: string): string =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  )

/**
 * The `<available_skills>` block agents read to decide which skill to load:
 * name, description and where its SKILL.md is.
 */
export function availableSkillsXml(
  skills: { name: string; description: string; location: string }[],
): string {
  const entries = skills.map(
    (s) =>
      `  <skill>\n    <name>${escapeXml(s.name)}</name>\n    <description>${escapeXml(s.description)}</description>\n` +
      `    <location>${escapeXml(s.location)}</location>\n  </skill>`,
  )
  return ['<available_skills>', ...entries, '</available_skills>'].join('\n') + '\n'
}
