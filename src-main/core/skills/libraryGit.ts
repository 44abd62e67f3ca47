import { execFileSync } from 'node:child_process'
import { existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Logger } from '../base/logger'

/**
 * The library folder as a git repository, so every change to installed skills is recorded.
 * Runs git without hooks, prompts or signing; when git is missing the library still works unversioned.
 */
export class LibraryGit {
  constructor(
    private readonly dir: string,
    private readonly logger: Logger,
  ) {}

  private git(args: string[]): string {
    return execFileSync(
      'git',
      [
        '-c',
        'user.name=SkillDock',
        '-c',
        'user.email=skilldock@localhost',
        '-c',
        'commit.gpgsign=false',
        '-c',
        `core.hooksPath=${process.platform === 'win32' ? 'NUL' : '/dev/null'}`,
        '-C',
        this.dir,
        ...args,
      ],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      },
    )
  }

  /** Creates the repository if needed; false when git is not available. */
  ensureRepository(): boolean {
    if (existsSync(join(this.dir, '.git'))) return true
    try {
      this.git(['init', '--quiet'])
      return true
    } catch (err) {
      this.logger.log('warn', 'library is not versioned: git init failed', { error: (err as Error).message })
      return false
    }
  }

  /** The current commit, or null when there is none (or no git). */
  head(): string | null {
    try {
      return this.git(['rev-parse', '--verify', '--quiet', 'HEAD']).trim() || null
    } catch {
      return null
    }
  }

  /** Commits one skill folder (and nothing else); returns the new commit, or HEAD when unchanged. */
  commitSkill(name: string, message: string, options: { allowEmpty?: boolean } = {}): string | null {
    if (!this.ensureRepository()) return null
    try {
      this.git(['add', '--all', '--', name])
      if (this.git(['status', '--porcelain', '--', name]).trim() !== '') {
        this.git(['commit', '--quiet', '--no-verify', '-m', message, '--', name])
      } else if (options.allowEmpty) {
        this.git(['commit', '--quiet', '--no-verify', '--allow-empty', '-m', message])
      }
    } catch (err) {
      this.logger.log('warn', 'library commit failed', { error: (err as Error).message })
    }
    return this.head()
  }

  /** The patch from a commit to the folder as it is on disk now (new files included), cut to a size. */
  diffSince(commit: string, name: string, maxBytes = 200_000): string | null {
    try {
      this.git(['add', '--all', '--intent-to-add', '--', name])
      const patch = this.git(['diff', '--no-color', '--no-ext-diff', commit, '--', name])
      return patch.length > maxBytes ? patch.slice(0, maxBytes) + '\n… (diff cut)\n' : patch
    } catch {
      return null
    }
  }

  /**
   * Commits the named skill folders as they are on disk, in one `git fast-import` (one pack file)
   * rather than `git add` (a loose object file per file): installing a thousand skills took seconds
   * in `git add --all` alone. Other changes in the library wait for the next commit. Falls back to
   * `commitAll` when fast-import cannot be used (or the batch is very large).
   */
  commitSkills(names: string[], message: string): void {
    if (!this.ensureRepository()) return
    try {
      const stream = fastImportStream(this.dir, names)
      if (stream === null) return this.commitAll(message)
      const branch = this.git(['symbolic-ref', '-q', 'HEAD']).trim()
      const header = commitHeader(branch, message, this.head())
      this.gitWithInput(['fast-import', '--quiet', '--done'], Buffer.concat([header, ...stream]))
      // The index follows the new commit, so `git status` (and the next `add --all`) see no change.
      this.git(['reset', '--quiet'])
    } catch (err) {
      this.logger.log('warn', 'library fast commit failed; committing with git add', {
        error: (err as Error).message,
      })
      this.commitAll(message)
    }
  }

  private gitWithInput(args: string[], input: Buffer): void {
    execFileSync('git', ['-C', this.dir, ...args], {
      input,
      stdio: ['pipe', 'ignore', 'pipe'],
      env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
    })
  }

  /** Commits everything in the library; a no-op when nothing changed. */
  commitAll(message: string): void {
    if (!this.ensureRepository()) return
    try {
      this.git(['add', '--all'])
      if (this.git(['status', '--porcelain']).trim() === '') return
      this.git(['commit', '--quiet', '--no-verify', '-m', message])
    } catch (err) {
      this.logger.log('warn', 'library commit failed', { error: (err as Error).message })
    }
  }
}

/** Above this many bytes of file content a batch is committed with `git add` instead (memory). */
const MAX_FAST_IMPORT_BYTES = 256 * 1024 * 1024

function commitHeader(branch: string, text: string, parent: string | null): Buffer {
  const when = `${Math.floor(Date.now() / 1000)} +0000`
  const message = Buffer.from(text)
  return Buffer.concat([
    Buffer.from(
      `commit ${branch}\nauthor SkillDock <skilldock@localhost> ${when}\n` +
        `committer SkillDock <skilldock@localhost> ${when}\ndata ${message.length}\n`,
    ),
    message,
    Buffer.from(`\n${parent ? `from ${parent}\n` : ''}`),
  ])
}

/**
 * The fast-import commands replacing each named folder with its files (mode 100755 for executables,
 * as git records them), or null when the content is too large to send in one go.
 */
function fastImportStream(dir: string, names: string[]): Buffer[] | null {
  const parts: Buffer[] = []
  let bytes = 0
  const walk = (rel: string): void => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = `${rel}/${entry.name}`
      // A repository inside a skill is not content `git add` would record either.
      if (entry.name === '.git') continue
      if (entry.isDirectory()) walk(path)
      else if (entry.isFile()) {
        const data = readFileSync(join(dir, path))
        bytes += data.length
        if (bytes > MAX_FAST_IMPORT_BYTES) throw new TooLarge()
        const mode = lstatSync(join(dir, path)).mode & 0o111 ? '100755' : '100644'
        parts.push(Buffer.from(`M ${mode} inline ${quotePath(path)}\ndata ${data.length}\n`), data, NEWLINE)
      }
    }
  }
  try {
    for (const name of names) {
      parts.push(Buffer.from(`D ${quotePath(name)}\n`))
      if (existsSync(join(dir, name))) walk(name)
    }
  } catch (err) {
    if (err instanceof TooLarge) return null
    throw err
  }
  parts.push(Buffer.from('done\n'))
  return parts
}

class TooLarge extends Error {}

const NEWLINE = Buffer.from('\n')

/** A path as fast-import reads it: C-style quoted when it has a quote, backslash, newline or starts oddly. */
function quotePath(path: string): string {
  if (!/["\\\n\r]/.test(path) && !path.startsWith('"')) return path
  return `"${path.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`
}
