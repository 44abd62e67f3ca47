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
