import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
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
