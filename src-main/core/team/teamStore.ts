import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { AppError } from '../base/appError'
import type { Db } from '../storage/database'

export interface JoinedTeam {
  name: string
  url: string
  ref: string | null
  source: string
  allowLocal: boolean
  /** Pinned at the first sync: a later history with another genesis is refused (trust on first use). */
  genesis: string | null
  /**
   * The commit that put the accepted allowed_signers in force, as of the last verification: a later
   * history must still contain it, so a rewrite cannot roll the admin set back to an older one.
   */
  signersCommit: string | null
  joinedAt: string
}

/** One shared policy, role or limit this machine applied from a team, and the local row it made. */
export interface AppliedShared {
  key: string
  value: unknown
  localId: number | null
}

type TeamRow = {
  name: string
  url: string
  ref: string | null
  source: string
  allow_local: number
  genesis: string | null
  signers_commit: string | null
  joined_at: string
}

const toTeam = (r: TeamRow): JoinedTeam => ({
  name: r.name,
  url: r.url,
  ref: r.ref,
  source: r.source,
  allowLocal: r.allow_local === 1,
  genesis: r.genesis,
  signersCommit: r.signers_commit,
  joinedAt: r.joined_at,
})

/** The teams this machine joined (the `teams` table) and their git mirrors under `<home>/team`. */
export class TeamStore {
  readonly dir: string

  constructor(
    home: string,
    private readonly db: Db,
  ) {
    this.dir = join(home, 'team')
  }

  list(): JoinedTeam[] {
    return (this.db.prepare('SELECT * FROM teams ORDER BY name').all() as TeamRow[]).map(toTeam)
  }

  get(name: string | undefined): JoinedTeam {
    const teams = this.list()
    if (name === undefined) {
      if (teams.length === 1) return teams[0]!
      throw new AppError(
        teams.length === 0 ? 'NOT_FOUND' : 'INVALID_INPUT',
        teams.length === 0
          ? 'This machine has joined no team; run `skilldock team join <git-url>` first.'
          : `Several teams are joined (${teams.map((t) => t.name).join(', ')}); name one with --team.`,
      )
    }
    const team = teams.find((t) => t.name === name)
    if (!team)
      throw new AppError('NOT_FOUND', `No joined team named "${name}"; see \`skilldock team status\`.`)
    return team
  }

  put(team: JoinedTeam): void {
    this.db
      .prepare(
        `INSERT INTO teams (name, url, ref, source, allow_local, genesis, signers_commit, joined_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET url = excluded.url, ref = excluded.ref, source = excluded.source,
           allow_local = excluded.allow_local, genesis = excluded.genesis,
           signers_commit = excluded.signers_commit`,
      )
      .run(
        team.name,
        team.url,
        team.ref,
        team.source,
        team.allowLocal ? 1 : 0,
        team.genesis,
        team.signersCommit,
        team.joinedAt,
      )
  }

  /** Forgets a team (and what it shared, which the caller has undone) and deletes its mirrors. */
  remove(name: string): void {
    this.db.prepare('DELETE FROM teams WHERE name = ?').run(name)
    rmSync(this.mirror(name), { recursive: true, force: true })
    rmSync(this.workTree(name), { recursive: true, force: true })
  }

  /** What this machine applied from the team's shared policies, roles and limits. */
  applied(team: string): AppliedShared[] {
    const rows = this.db
      .prepare('SELECT key, value_json, local_id FROM team_shared WHERE team = ? ORDER BY key')
      .all(team) as { key: string; value_json: string; local_id: number | null }[]
    return rows.map((r) => ({ key: r.key, value: JSON.parse(r.value_json) as unknown, localId: r.local_id }))
  }

  recordApplied(team: string, key: string, value: unknown, localId: number | null): void {
    this.db
      .prepare(
        `INSERT INTO team_shared (team, key, value_json, local_id) VALUES (?, ?, ?, ?)
         ON CONFLICT (team, key) DO UPDATE SET value_json = excluded.value_json, local_id = excluded.local_id`,
      )
      .run(team, key, JSON.stringify(value), localId)
  }

  forgetApplied(team: string, key: string): void {
    this.db.prepare('DELETE FROM team_shared WHERE team = ? AND key = ?').run(team, key)
  }

  /** Runs `work` in one transaction: a crash leaves all of it or none of it. */
  atomically<T>(work: () => T): T {
    return this.db.transaction(work)()
  }

  mirror(name: string): string {
    return join(this.dir, `${name}.git`)
  }

  workTree(name: string): string {
    return join(this.dir, `${name}-work`)
  }
}
