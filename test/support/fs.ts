import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach } from 'vitest'

const made: string[] = []

/** A fresh temp folder, removed after the test. */
export function tempDir(prefix = 'skilldock-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  made.push(dir)
  return dir
}

afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** Writes files (relative path → content) under a folder. */
export function writeTree(root: string, files: Record<string, string>): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), content)
  }
  return root
}

/** A valid SKILL.md with optional extra frontmatter lines and body. */
export function skillMd(
  name: string,
  description: string,
  extra = '',
  body = `# ${name}\n\nInstructions.\n`,
): string {
  return `---\nname: ${name}\ndescription: ${description}\n${extra}---\n${body}`
}

/** Writes a skill folder `<root>/<name>/SKILL.md` (plus extra files) and returns its path. */
export function writeSkill(
  root: string,
  name: string,
  description = `Does ${name} things.`,
  files: Record<string, string> = {},
  extra = '',
): string {
  return writeTree(join(root, name), { 'SKILL.md': skillMd(name, description, extra), ...files })
}

/** Every file under `dir` with its content and modification time (to prove a folder was left alone). */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    out[path] = `${statSync(path).mtimeMs}:${readFileSync(path, 'utf8')}`
  }
  return out
}
