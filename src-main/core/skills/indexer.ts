import { type Dirent, existsSync, readFileSync } from 'node:fs'
import { basename, join } from 'node:path'
import type { IndexStats, SkillOrigin, SkillState, TrustLevel } from '../../contract/models'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { Logger } from '../base/logger'
import type { IndexedSkill, SkillIndexState, SkillRepository } from '../storage/skillRepository'
import { fingerprintFolderCached, scanSkillFolder, type FolderScan } from './fingerprint'
import { ListingCache } from './listingCache'
import { findSkillFileIn, loadSkill } from './manifest'
import { planFromFrontmatter } from '../automation/compositeSpec'

/** A folder whose sub-folders are skills. */
export interface CatalogRoot {
  origin: SkillOrigin
  dir: string
}

const NAME_RE = /^[a-z0-9]+(-[a-z0-9]+)*$/

const initialState: Record<SkillOrigin, SkillState> = {
  builtin: 'builtin',
  library: 'installed',
  draft: 'draft',
}

const emptyRequires = { os: [], bins: [], anyBins: [], env: [], config: [] }

/**
 * Keeps the database in step with the skill folders on disk. A folder whose files have the same
 * stat signature is skipped; one with the same content fingerprint is not re-parsed.
 */
export class SkillIndexer {
  constructor(
    private readonly repo: SkillRepository,
    private readonly roots: readonly CatalogRoot[],
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly trustFor: (origin: SkillOrigin) => TrustLevel,
    private readonly listings = new ListingCache(),
  ) {}

  /**
   * Re-reads every root; returns what changed and the names touched. `fresh`: a folder whose
   * listings are read again whatever its stat says (a pin check found it differs from the index).
   */
  index(fresh?: string): { stats: IndexStats; changed: string[] } {
    if (fresh !== undefined) this.listings.forget(fresh)
    // One transaction for the whole pass: far fewer commits, and readers never see half an index.
    return this.repo.transaction(() => this.indexAll())
  }

  private indexAll(): { stats: IndexStats; changed: string[] } {
    const stats: IndexStats = { scanned: 0, added: 0, updated: 0, unchanged: 0, removed: 0, failed: 0 }
    const changed: string[] = []
    const known = new Map(this.repo.listIndexState().map((s) => [s.path, s]))
    const seen = new Set<number>()
    const claimed = new Map<string, string>()
    for (const root of this.roots) {
      for (const { dir, entries } of skillFolderListings(root.dir, this.listings)) {
        stats.scanned++
        const outcome = this.indexFolder(root.origin, dir, entries, known.get(dir), claimed)
        if (outcome.id !== undefined) seen.add(outcome.id)
        stats[outcome.kind]++
        if (outcome.kind === 'added' || outcome.kind === 'updated') changed.push(outcome.name)
      }
    }
    for (const row of known.values()) {
      if (seen.has(row.id)) continue
      this.repo.delete(row.id)
      stats.removed++
      changed.push(row.name)
    }
    return { stats, changed }
  }

  private indexFolder(
    origin: SkillOrigin,
    dir: string,
    entries: readonly Dirent[],
    previous: SkillIndexState | undefined,
    claimed: Map<string, string>,
  ): { kind: 'added' | 'updated' | 'unchanged' | 'failed'; name: string; id?: number } {
    let scan: FolderScan | null = null
    let folderError: AppError | null = null
    // SKILL.md as the server check read it (only on the first pass over it in this process): the
    // skill is parsed from the same text below rather than read a second time.
    let skillText: { file: string; text: string } | undefined
    const readSkillText = (file: string) => (skillText = { file, text: readFileSync(file, 'utf8') }).text
    try {
      scan = scanSkillFolder(dir, {
        listing: entries,
        readDir: (abs) => this.listings.read(abs),
        readSkillText,
        expected: previous?.statSignature,
      })
    } catch (err) {
      folderError = AppError.from(err)
    }
    if (previous && scan && previous.statSignature === scan.statSignature) {
      claimed.set(previous.name, dir)
      return { kind: 'unchanged', name: previous.name, id: previous.id }
    }
    const fingerprint = scan ? fingerprintFolderCached(dir, scan) : null
    if (previous && scan && fingerprint !== null && previous.fingerprint === fingerprint) {
      this.repo.updateStatSignature(previous.id, scan.statSignature)
      claimed.set(previous.name, dir)
      return { kind: 'unchanged', name: previous.name, id: previous.id }
    }
    const skill = this.read(origin, dir, scan, fingerprint, folderError, skillText)
    const owner = claimed.get(skill.name) ?? this.pathOwning(skill.name, dir)
    if (owner !== null && owner !== dir) {
      this.logger.log('warn', 'skill name already taken; folder skipped', { name: skill.name, dir, owner })
      return { kind: 'failed', name: skill.name, ...(previous ? { id: previous.id } : {}) }
    }
    claimed.set(skill.name, dir)
    if (previous && previous.name !== skill.name) this.repo.delete(previous.id)
    const existed = previous !== undefined && previous.name === skill.name
    const now = isoNow(this.clock)
    const id = this.repo.upsertIndexed(
      skill,
      { state: initialState[origin], trust: this.trustFor(origin) },
      now,
    )
    // Whoever indexes an edit first (a short CLI command, serve) holds it, so none serves it after.
    this.repo.holdChangedPin(id, now)
    return { kind: existed ? 'updated' : 'added', name: skill.name, id }
  }

  /** The folder already indexed under a name, if it still exists on disk. */
  private pathOwning(name: string, dir: string): string | null {
    const row = this.repo.findSummary(name)
    if (!row || row.path === dir) return null
    return existsSync(row.path) ? row.path : null
  }

  private read(
    origin: SkillOrigin,
    dir: string,
    scan: FolderScan | null,
    fingerprint: string | null,
    folderError: AppError | null,
    skillText: { file: string; text: string } | undefined,
  ): IndexedSkill {
    const parsed = loadSkill(dir, skillText ? { text: skillText } : {})
    const m = parsed.manifest
    const errors = [...parsed.errors]
    if (folderError) errors.unshift({ code: 'FOLDER_INVALID', message: folderError.message })
    const name = typeof m.name === 'string' && NAME_RE.test(m.name) ? m.name : basename(dir)
    const files = scan ? scan.files.map((f) => ({ path: f.path, size: f.size })) : []
    return {
      name,
      origin,
      path: dir,
      source: origin,
      version: m.version,
      description: m.description ?? '',
      requires: m.requires ?? emptyRequires,
      tags: m.tags,
      category: m.category,
      emoji: m.emoji,
      valid: errors.length === 0,
      hasServer:
        files.some((f) => f.path === 'skill.py') ||
        m.server !== null ||
        planFromFrontmatter(m.frontmatter) !== null,
      fingerprint,
      statSignature: scan?.statSignature ?? null,
      frontmatter: m.frontmatter,
      instructions: m.body,
      declaredTools: m.tools,
      homepage: m.homepage,
      license: m.license,
      files,
      errors,
      warnings: parsed.warnings,
      indexedAt: isoNow(this.clock),
    }
  }
}

/** Sub-folders of a root that hold a SKILL.md; hidden folders and links are skipped. */
export function skillFolders(root: string): string[] {
  return skillFolderListings(root, new ListingCache()).map((f) => f.dir)
}

/** `skillFolders` with each folder's listing, read once for both the check and the scan. */
function skillFolderListings(
  root: string,
  listings: ListingCache,
): { dir: string; entries: readonly Dirent[] }[] {
  if (!existsSync(root)) return []
  const result: { dir: string; entries: readonly Dirent[] }[] = []
  for (const child of listings.read(root)) {
    // The listing's entry type is that of the link itself, as lstat would say; links and files are
    // skipped, and an entry of unknown type is listed only if it turns out to be a folder.
    if (child.name.startsWith('.') || child.isFile() || child.isSymbolicLink()) continue
    const dir = join(root, child.name)
    let entries: readonly Dirent[]
    try {
      entries = listings.read(dir)
    } catch {
      continue
    }
    if (findSkillFileIn(dir, entries) !== null) result.push({ dir, entries })
  }
  return result
}
