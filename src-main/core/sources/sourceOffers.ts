import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { AddedSkill } from '../../contract/models'
import type { RepoInfo, SourceSkill } from '../../contract/sources'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import type { SkillLibrary } from '../skills/library'
import type { SkillRepository } from '../storage/skillRepository'
import { lockEntry } from './lockEntries'
import type { LockDocument, Lockfile } from './lockfile'
import type { RepoTokens } from './repoTokens'
import type { SourceCache } from './sourceCache'
import { type OfferedSkill, offeredSkills } from './sourceSkills'
import type { FetchMeta } from './sourceSpec'

export interface OfferDeps {
  skills: SkillRepository
  library: SkillLibrary
  lockfile: Lockfile
  clock: Clock
  cache: SourceCache
  tokens: RepoTokens
}

/** Whether a source is a pick source: kept as a marker next to its cache (`sources/<id>.pick`). */
export function isPick(cache: SourceCache, repo: RepoInfo): boolean {
  return existsSync(`${cache.dir(repo)}.pick`)
}

export function setPick(cache: SourceCache, repo: RepoInfo, pick: boolean): void {
  if (pick) {
    mkdirSync(dirname(cache.dir(repo)), { recursive: true })
    writeFileSync(`${cache.dir(repo)}.pick`, '')
  } else rmSync(`${cache.dir(repo)}.pick`, { force: true })
}

/**
 * The offered skills, each name once: a second folder offering a name already offered is reported
 * as a duplicate rather than installed over the first (folders come sorted, so the first is stable).
 */
export function distinctOffers(offered: OfferedSkill[]): {
  unique: OfferedSkill[]
  duplicates: Map<OfferedSkill, string>
} {
  const seen = new Map<string, OfferedSkill>()
  const duplicates = new Map<OfferedSkill, string>()
  const unique: OfferedSkill[] = []
  for (const s of offered) {
    const first = seen.get(s.name)
    if (first)
      duplicates.set(s, `another folder of this source (${first.path}) offers a skill named ${s.name}`)
    else {
      seen.set(s.name, s)
      unique.push(s)
    }
  }
  return { unique, duplicates }
}

/**
 * Installs offered skills through scan and governance and records each in `lock` (not written here:
 * the caller writes the lockfile once). All in one library install (one transaction, one index
 * rebuild, one library commit); when that batch is refused, each skill is tried on its own so one
 * bad skill does not keep the others out.
 */
export async function installOffers(
  deps: OfferDeps,
  repo: RepoInfo,
  meta: FetchMeta,
  offers: OfferedSkill[],
  lock: LockDocument,
  signal?: AbortSignal,
  /** Skills installed (or tried) so far, of all offers. */
  onProgress?: (done: number, total: number) => void,
): Promise<{ installed: AddedSkill[]; failed: { name: string; reason: string }[] }> {
  const installed: AddedSkill[] = []
  const failed: { name: string; reason: string }[] = []
  if (offers.length === 0) return { installed, failed }
  const origin = () => `${repo.type}:${repo.url}`
  const record = async (batch: OfferedSkill[], added: AddedSkill[]) => {
    for (const s of batch) lock.skills[s.name] = lockEntry(deps, repo, meta, s)
    const proxied = batch.filter((s) => meta.proxied?.includes(s.name)).map((s) => s.name)
    await deps.tokens.share(repo.name, proxied)
    installed.push(...added)
  }
  try {
    const dirs = offers.map((s) => s.dir)
    await record(offers, await deps.library.install(dirs, `sync:${repo.name}`, origin, onProgress))
    return { installed, failed }
  } catch (err) {
    if (offers.length === 1) {
      failed.push({ name: offers[0]!.name, reason: AppError.from(err).message })
      return { installed, failed }
    }
  }
  for (const [i, s] of offers.entries()) {
    onProgress?.(i, offers.length)
    // A cancel stops between skills: each is installed whole or not at all, and recorded if it was.
    if (signal?.aborted) break
    try {
      await record([s], await deps.library.install([s.dir], `sync:${repo.name}`, origin))
    } catch (err) {
      failed.push({ name: s.name, reason: AppError.from(err).message })
    }
  }
  return { installed, failed }
}

/** What a source offered at its last sync, with what installing each would do. */
export function browseOffers(deps: OfferDeps, repo: RepoInfo): SourceSkill[] {
  const lock = deps.lockfile.read()
  const pick = isPick(deps.cache, repo)
  const offered = offeredSkills(deps.cache.rootOf(repo), deps.cache.offersMemo(repo))
  const { duplicates } = distinctOffers(offered)
  const listed: SourceSkill[] = offered.map((s) => {
    const entry = lock.skills[s.name]
    const mine = entry?.source === repo.name
    const record = deps.skills.findSummary(s.name)
    const installed = mine && record !== null && !duplicates.has(s)
    const base = { name: s.name, description: s.description, path: s.path, installed }
    if (installed) {
      const update = entry.status === 'update-available' || entry.status === 'conflict'
      return {
        ...base,
        status: entry.status,
        state: record.state,
        reason: entry.status === 'conflict' ? 'changed upstream and edited locally' : null,
        offer: update ? 'update-available' : 'installed',
      }
    }
    const nameOf = { status: mine && !duplicates.has(s) ? entry.status : null, state: null }
    if (s.error || s.fingerprint === null) {
      const reason = s.error ? `SKILL.md could not be read: ${s.error}` : 'The folder could not be read.'
      return { ...base, ...nameOf, reason, offer: 'invalid' }
    }
    const duplicate = duplicates.get(s)
    if (duplicate) return { ...base, ...nameOf, reason: `Not installed: ${duplicate}.`, offer: 'skipped' }
    if (record) {
      const holder = entry?.source ?? 'elsewhere'
      return {
        ...base,
        ...nameOf,
        reason: `A skill named ${s.name} is already installed from ${holder}.`,
        offer: 'skipped',
      }
    }
    const reason = pick
      ? `Not installed yet: install it with \`skilldock source install ${repo.name} ${s.name}\`.`
      : 'Not installed yet: sync this source to install it.'
    return { ...base, ...nameOf, reason, offer: 'new' }
  })
  for (const r of deps.cache.readMeta(repo).refused ?? []) {
    listed.push({
      name: r.name,
      description: '',
      path: '',
      installed: false,
      status: null,
      state: null,
      reason: r.message,
      offer: 'skipped',
    })
  }
  return listed
}

/**
 * Installs the named skills (or all new ones) a source offered at its last sync; skills that are
 * installed already, invalid, duplicates or names taken are reported as skipped. Unknown names are
 * refused before anything is installed.
 */
export async function installChosen(
  deps: OfferDeps,
  repo: RepoInfo,
  names: string[] | 'all',
): Promise<{ installed: AddedSkill[]; skipped: { name: string; reason: string }[] }> {
  const offers = browseOffers(deps, repo)
  if (names !== 'all') {
    const known = new Set(offers.map((o) => o.name))
    const unknown = names.filter((n) => !known.has(n))
    if (unknown.length > 0) {
      throw new AppError(
        'NOT_FOUND',
        `${repo.name} does not offer ${unknown.join(', ')}. See \`skilldock source browse ${repo.name}\` (sync it first if the list is empty).`,
      )
    }
  }
  const wanted = names === 'all' ? null : new Set(names)
  const chosen = offers.filter((o) => wanted === null || wanted.has(o.name))
  const skipped = chosen
    .filter((o) => o.offer !== 'new')
    .map((o) => ({
      name: o.name,
      reason:
        o.offer === 'installed' || o.offer === 'update-available'
          ? 'already installed'
          : (o.reason ?? o.offer),
    }))
  const fresh = new Set(chosen.filter((o) => o.offer === 'new').map((o) => o.path))
  const { unique } = distinctOffers(offeredSkills(deps.cache.rootOf(repo), deps.cache.offersMemo(repo)))
  const lock = deps.lockfile.read()
  const meta = deps.cache.readMeta(repo)
  const { installed, failed } = await installOffers(
    deps,
    repo,
    meta,
    unique.filter((s) => fresh.has(s.path)),
    lock,
  )
  deps.lockfile.write(lock)
  return { installed, skipped: [...skipped, ...failed] }
}
