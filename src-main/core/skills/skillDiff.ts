import { execFileSync, spawnSync } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { AppError } from '../base/appError'

/** Diffs larger than this are cut, like the approval inbox's. */
const MAX_DIFF_BYTES = 200_000

const SKIPPED = new Set(['.git', '__pycache__'])

/** Where the base version of a skill comes from. */
export type DiffBase =
  { kind: 'commit'; repo: string; commit: string } | { kind: 'folder'; dir: string } | { kind: 'none' }

/**
 * A unified diff (git format, paths `a/<name>/…` and `b/<name>/…`) from a base version of a skill
 * to a folder on disk. Both sides are copied into a temp folder first so the paths read the same
 * whatever the base is, and nothing in the library repository (index or work tree) is touched.
 */
export function diffSkill(name: string, base: DiffBase, target: string): string {
  const tmp = mkdtempSync(join(tmpdir(), 'skilldock-diff-'))
  try {
    const before = join(tmp, 'a', name)
    const after = join(tmp, 'b', name)
    mkdirSync(before, { recursive: true })
    if (base.kind === 'folder') copySkill(base.dir, before)
    if (base.kind === 'commit') exportCommit(base.repo, base.commit, name, before)
    copySkill(target, after)
    const result = spawnSync(
      'git',
      ['-c', 'core.quotepath=off', 'diff', '--no-index', '--no-color', '--no-ext-diff', '--no-prefix'].concat(
        [join('a', name), join('b', name)],
      ),
      {
        cwd: tmp,
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0' },
      },
    )
    // git diff --no-index exits 1 when the sides differ; anything else is a failure.
    if (result.error || (result.status !== 0 && result.status !== 1)) {
      throw new AppError(
        'INTERNAL',
        'The diff could not be made: git is missing or failed. Install git, then retry.',
        {
          stderr: String(result.stderr ?? '').slice(0, 500),
        },
      )
    }
    const patch = result.stdout
    return patch.length > MAX_DIFF_BYTES ? patch.slice(0, MAX_DIFF_BYTES) + '\n… (diff cut)\n' : patch
  } finally {
    rmSync(tmp, { recursive: true, force: true })
  }
}

function copySkill(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (source) => !SKIPPED.has(basename(source)) })
}

/** Writes the files of `<name>/` at a commit of the library repository into `to`. */
function exportCommit(repo: string, commit: string, name: string, to: string): void {
  const git = (args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
  let listing: string
  try {
    listing = git(['ls-tree', '-r', '-z', '--name-only', commit, '--', `${name}/`]).toString('utf8')
  } catch {
    throw new AppError('INTERNAL', `The approved version of ${name} is missing from the library history.`)
  }
  for (const path of listing.split('\0').filter(Boolean)) {
    const file = join(to, path.slice(name.length + 1))
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, git(['show', `${commit}:${path}`]))
  }
}
