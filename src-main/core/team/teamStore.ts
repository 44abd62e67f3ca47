import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import { z } from 'zod'
import { AppError } from '../base/appError'

const JoinedTeam = z.object({
  name: z.string(),
  url: z.string(),
  ref: z.string().nullable(),
  source: z.string(),
  allowLocal: z.boolean(),
  /** Pinned at the first sync: a later history with another genesis is refused (trust on first use). */
  genesis: z.string().nullable(),
  joinedAt: z.string(),
})
export type JoinedTeam = z.infer<typeof JoinedTeam>
const Document = z.object({ version: z.literal(1), teams: z.array(JoinedTeam) })

/** The teams this machine joined (`team/teams.json` in the data home) and their git mirrors. */
export class TeamStore {
  readonly dir: string
  private readonly file: string

  constructor(home: string) {
    this.dir = join(home, 'team')
    this.file = join(this.dir, 'teams.json')
  }

  list(): JoinedTeam[] {
    if (!existsSync(this.file)) return []
    try {
      return Document.parse(JSON.parse(readFileSync(this.file, 'utf8'))).teams
    } catch {
      throw new AppError('CONFLICT', `${this.file} is damaged; fix or delete it, then join the team again.`)
    }
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
    const teams = this.list().filter((t) => t.name !== team.name)
    teams.push(team)
    mkdirSync(this.dir, { recursive: true, mode: 0o700 })
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`
    writeFileSync(temp, JSON.stringify({ version: 1, teams }, null, 2) + '\n', { mode: 0o600 })
    renameSync(temp, this.file)
  }

  remove(name: string): void {
    const teams = this.list().filter((t) => t.name !== name)
    const temp = `${this.file}.${randomBytes(6).toString('hex')}.tmp`
    writeFileSync(temp, JSON.stringify({ version: 1, teams }, null, 2) + '\n', { mode: 0o600 })
    renameSync(temp, this.file)
    rmSync(this.mirror(name), { recursive: true, force: true })
    rmSync(this.workTree(name), { recursive: true, force: true })
  }

  mirror(name: string): string {
    return join(this.dir, `${name}.git`)
  }

  workTree(name: string): string {
    return join(this.dir, `${name}-work`)
  }
}
