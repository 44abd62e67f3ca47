import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { expect } from 'vitest'
import type { TeamStatus } from '../../../src-main/contract/team'
import { fingerprintFolder } from '../../../src-main/core/skills/fingerprint'
import { cli } from '../../support/cli'
import { tempDir, writeSkill } from '../../support/fs'
import { git, gitEnv } from '../../support/git'

/** A real ed25519 key pair made for the test (`ssh-keygen -t ed25519 -N ''`). */
export interface SshKey {
  principal: string
  /** Private key file. */
  file: string
  /** One allowed_signers line for it. */
  signerLine: string
}

export function sshKey(principal: string): SshKey {
  const dir = tempDir('skilldock-key-')
  const file = join(dir, 'id_ed25519')
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', principal, '-f', file])
  const pub = readFileSync(`${file}.pub`, 'utf8').trim()
  return { principal, file, signerLine: `${principal} namespaces="git" ${pub}` }
}

export const signers = (...keys: SshKey[]) => keys.map((k) => k.signerLine).join('\n') + '\n'

/**
 * A team repository: an admin's working clone (`work`) pushing to a local bare repository (`bare`,
 * what members join as `file://…`). Commits can be signed with any key, or not at all.
 */
export class TeamRepo {
  readonly work = tempDir('skilldock-team-work-')
  readonly bare = tempDir('skilldock-team-bare-')
  readonly url = `file://${this.bare}`

  constructor() {
    git(this.bare, 'init', '-q', '--bare', '-b', 'main')
    git(this.work, 'init', '-q', '-b', 'main')
  }

  /** Writes files (content null deletes) and commits, signed with `key` when given; pushes. */
  commit(files: Record<string, string | null>, message: string, key: SshKey | null): string {
    for (const [path, content] of Object.entries(files)) {
      const target = join(this.work, path)
      if (content === null) rmSync(target, { recursive: true, force: true })
      else {
        mkdirSync(dirname(target), { recursive: true })
        writeFileSync(target, content)
      }
    }
    git(this.work, 'add', '-A')
    const signing = key ? ['-c', 'gpg.format=ssh', '-c', `user.signingkey=${key.file}`] : []
    execFileSync(
      'git',
      ['-C', this.work, ...signing, 'commit', '-q', ...(key ? ['-S'] : []), '--allow-empty', '-m', message],
      {
        env: gitEnv,
      },
    )
    this.push()
    return git(this.work, 'rev-parse', 'HEAD')
  }

  push(): void {
    git(this.work, 'push', '-q', '--force', this.bare, 'HEAD:refs/heads/main')
  }

  /** A skill folder `skills/<name>/` in the working clone; returns its fingerprint once committed. */
  addSkill(name: string, body = `Does ${name} things.`): Record<string, string> {
    const dir = tempDir('skilldock-skill-')
    writeSkill(dir, name, body)
    return { [`skills/${name}/SKILL.md`]: readFileSync(join(dir, name, 'SKILL.md'), 'utf8') }
  }

  fingerprint(name: string): string {
    return fingerprintFolder(join(this.work, 'skills', name))
  }

  /** An approvals document entry for each named skill as it is in the working clone now. */
  approvals(entries: Record<string, { trust: string; fingerprint?: string }>): string {
    const skills = Object.fromEntries(
      Object.entries(entries).map(([name, e]) => [
        name,
        {
          fingerprint: e.fingerprint ?? this.fingerprint(name),
          trust: e.trust,
          approvedAt: new Date().toISOString(),
        },
      ]),
    )
    return JSON.stringify({ version: 1, skills }, null, 2)
  }
}

/** The git identity and config isolation the in-process CLI runs with in these tests. */
export const teamEnv = {
  GIT_AUTHOR_NAME: 'admin',
  GIT_AUTHOR_EMAIL: 'admin@team',
  GIT_COMMITTER_NAME: 'admin',
  GIT_COMMITTER_EMAIL: 'admin@team',
  GIT_CONFIG_NOSYSTEM: '1',
}

/** `skilldock --home <home> …` in-process, with the team test environment. */
export const member =
  (home: string, extra: NodeJS.ProcessEnv = {}) =>
  (...args: string[]) =>
    cli(['--home', home, ...args], { ...teamEnv, ...extra })

/** A member with a fresh SkillDock home (`homePrefix` names its temp folder) who joined `repo`. */
export async function joinedMember(repo: TeamRepo, homePrefix = 'skilldock-member-') {
  const run = member(tempDir(homePrefix))
  expect((await run('team', 'join', repo.url, '--allow-local')).code).toBe(0)
  return run
}

/** `skilldock team approve <skill> --trust <trust> --key <admin's key> --push` (plus `extra`) as `run`. */
export const approveAndPush = (
  run: ReturnType<typeof member>,
  admin: SshKey,
  skill: string,
  trust: string,
  ...extra: string[]
) => run('team', 'approve', skill, '--trust', trust, '--key', admin.file, '--push', ...extra)

export const APPROVALS = '.skilldock/approvals.json'
export const SIGNERS = '.skilldock/allowed_signers'

/** `skilldock team status --json` on a member, which must succeed. */
export async function teamStatus(run: ReturnType<typeof member>): Promise<TeamStatus> {
  const result = await run('team', 'status', '--json')
  expect(result.code, result.stderr).toBe(0)
  return result.json() as TeamStatus
}

export function skillOf(s: TeamStatus, name: string) {
  const found = s.skills.find((k) => k.name === name)
  expect(found, `team status lists ${name}`).toBeDefined()
  return found!
}

/** A team whose genesis commit (signed by `admin`) lists `admins` and offers `skills`. */
export function newTeam(admin: SshKey, admins = [admin], skills = ['hello']) {
  const repo = new TeamRepo()
  const files = Object.assign({ [SIGNERS]: signers(...admins) }, ...skills.map((s) => repo.addSkill(s)))
  repo.commit(files, 'genesis', admin)
  return repo
}

/**
 * The forgery of a copied signature: `signed`'s commit object (gpgsig header and all) pointing at the
 * work tree's current files instead, made the branch head and pushed. Every check must refuse it.
 */
export function pushForgery(repo: TeamRepo, signed: string): void {
  git(repo.work, 'add', '-A')
  const tree = git(repo.work, 'write-tree')
  const forged = git(repo.work, 'cat-file', 'commit', signed).replace(/^tree [0-9a-f]+$/m, `tree ${tree}`)
  const forgedId = execFileSync('git', ['-C', repo.work, 'hash-object', '-t', 'commit', '-w', '--stdin'], {
    input: forged + '\n',
    env: gitEnv,
    encoding: 'utf8',
  }).trim()
  git(repo.work, 'reset', '-q', '--hard', forgedId)
  repo.push()
}
