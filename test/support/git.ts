import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { tempDir } from './fs'

/** git with a fixed identity and no system config, so commits work on any machine. */
export const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
  GIT_CONFIG_NOSYSTEM: '1',
}

/** Runs git in `dir` and returns its trimmed output. */
export const git = (dir: string, ...args: string[]): string =>
  execFileSync('git', ['-C', dir, ...args], { env: gitEnv, encoding: 'utf8' }).trim()

/** Writes the files (paths relative to `dir`) and commits them; returns the new commit. */
export function commit(dir: string, files: Record<string, string>, message: string): string {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), content)
  }
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '--allow-empty', '-m', message)
  return git(dir, 'rev-parse', 'HEAD')
}

/** A real repository in a temp dir with these files committed on `main`. */
export function gitRepo(files: Record<string, string>): string {
  const dir = tempDir('skilldock-upstream-')
  git(dir, 'init', '-q', '-b', 'main')
  commit(dir, files, 'initial')
  return dir
}
