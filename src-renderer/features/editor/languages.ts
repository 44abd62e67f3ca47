/** Monaco's language id for a skill file, by its extension (the editor and the file viewer alike). */
const LANGUAGES: Record<string, string> = {
  md: 'markdown',
  markdown: 'markdown',
  py: 'python',
  yaml: 'yaml',
  yml: 'yaml',
  json: 'json',
  sh: 'shell',
  bash: 'shell',
}

/** The Monaco language of a file, or null when it is not one SkillDock colours. */
export function languageOf(path: string): string | null {
  return LANGUAGES[path.split('.').pop()?.toLowerCase() ?? ''] ?? null
}
