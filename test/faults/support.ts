import { execFileSync, spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { expect } from 'vitest'
import { skilldockBin } from '../support/build'
import { tempDir, writeSkill } from '../support/fs'

/**
 * Kills per kind of work (sync, install, approval, migration): 4 × 13 = 52, the "at least
 * 50", in every run (the fault suite takes about 2.5 minutes on 2 busy cores; each kind is its own
 * file, so they run in parallel). Lower it with SKILLDOCK_FAULT_KILLS for a quick local run.
 */
export const KILLS = Number(process.env.SKILLDOCK_FAULT_KILLS ?? 13)

export const skilldock = (home: string, ...args: string[]): string =>
  execFileSync(process.execPath, [skilldockBin, '--home', home, ...args], { encoding: 'utf8' })

export interface KilledRun {
  /** The command finished and reported success before the kill landed. */
  acknowledged: boolean
  stdout: string
}

/** Runs `skilldock <args>` and sends it SIGKILL after `afterMs`, unless it finished first. */
export function runAndKill(home: string, args: string[], afterMs: number): Promise<KilledRun> {
  const child = spawn(process.execPath, [skilldockBin, '--home', home, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  let stdout = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (t: string) => (stdout += t))
  const timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolve({ acknowledged: code === 0 && signal === null, stdout })
    })
  })
}

/** How long the command takes when nobody kills it, in ms. */
export async function duration(run: () => Promise<unknown>): Promise<number> {
  const start = Date.now()
  await run()
  return Date.now() - start
}

/** A random delay within the command's life, biased away from the node start-up before any work. */
export function killPoint(fullMs: number, i: number, n: number): number {
  const slot = (i + Math.random()) / n
  return Math.round(fullMs * 0.15 + slot * fullMs * 0.95)
}

/**
 * The database is sound: integrity check ok and foreign keys hold. Opened read-write, as SkillDock
 * opens it: a kill can leave a hot journal, which SQLite rolls back on the next writable open (a
 * read-only open cannot, and fails with "attempt to write a readonly database").
 */
export function assertDatabaseSound(home: string): void {
  const db = new Database(join(home, 'skilldock.db'), { fileMustExist: true })
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    expect(db.pragma('foreign_key_check')).toEqual([])
  } finally {
    db.close()
  }
}

/** The lockfile, when there is one, is whole JSON. */
export function assertLockfileParses(home: string): void {
  const file = join(home, 'skilldock.lock.json')
  if (existsSync(file)) expect(() => JSON.parse(readFileSync(file, 'utf8')) as unknown).not.toThrow()
}

interface ListedSkill {
  name: string
  state: string
  valid: boolean
  origin: string
}

/**
 * No skill is half-installed: after SkillDock opens the home again, every skill folder in the
 * library is indexed and valid, every library record has its folder, and none is active
 * without an approval a person gave.
 */
export function assertLibraryWhole(home: string, approved: ReadonlySet<string>): ListedSkill[] {
  const listed = JSON.parse(skilldock(home, 'list', '--json')) as ListedSkill[]
  const library = listed.filter((s) => s.origin === 'library')
  const folders = readdirSync(join(home, 'skills')).filter((n) => !n.startsWith('.'))
  expect(library.map((s) => s.name).sort()).toEqual(folders.sort())
  for (const s of library) {
    expect(s.valid, `${s.name} is valid`).toBe(true)
    if (s.state === 'active') expect(approved.has(s.name), `${s.name} is active without approval`).toBe(true)
  }
  return listed
}

/**
 * All a kill must leave whole, checked in this order: the database, the lockfile, then the library
 * (see each); returns the skills `list` shows.
 */
export function assertHomeWhole(home: string, approved: ReadonlySet<string>): ListedSkill[] {
  assertDatabaseSound(home)
  assertLockfileParses(home)
  return assertLibraryWhole(home, approved)
}

/** Skills in one folder `batch` makes: enough that a kill often lands in the middle of their install. */
export const SKILLS_PER_ADD = 12

/** A folder of SKILLS_PER_ADD valid skills named `<tag>-skill-<n>`, each with a file besides SKILL.md. */
export function batch(tag: string): string {
  const dir = tempDir('skilldock-batch-')
  for (let j = 0; j < SKILLS_PER_ADD; j++) {
    writeSkill(dir, `${tag}-skill-${j}`, `Skill ${j} of batch ${tag}.`, {
      'references/NOTES.md': `# Notes ${tag} ${j}\n`,
    })
  }
  return dir
}
