import { createHash, randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import type { AddedSkill } from '../../contract/models'
import { joinKinds, sourceKindFacts, sourceKindsListed } from '../../contract/sourceKindFacts'
import type { SourceType } from '../../contract/sources'
import { AppError } from '../base/appError'
import type { Clock } from '../base/clock'
import type { SkillLibrary } from '../skills/library'
import type { SkillRepository } from '../storage/skillRepository'
import { extractArchive } from './archive'
import { inferType, kindOf } from './kinds'
import { lockEntry } from './lockEntries'
import type { Lockfile } from './lockfile'
import type { SourceCache } from './sourceCache'
import { offeredSkills } from './sourceSkills'
import type { FetchMeta, SourceSpec } from './sourceSpec'

const ARCHIVE_FILE = /\.(zip|skill|tar\.gz|tgz|tar)$/i
const MAX_LOCAL_ARCHIVE = 60 * 1024 * 1024
const onceName = () => `.once-${randomBytes(6).toString('hex')}`

/** What installing fetched skills through governance needs (one-off imports and source updates). */
export interface InstallDeps {
  skills: SkillRepository
  library: SkillLibrary
  lockfile: Lockfile
  clock: Clock
  cache: SourceCache
}

/**
 * Imports that configure no source: `add <source>`, an uploaded archive, a pasted SKILL.md. Each is
 * fetched into a temp cache, installed through governance, recorded in the lockfile, cache dropped.
 */
export class OneOffImports {
  constructor(private readonly deps: InstallDeps) {}

  /**
   * A one-off import from any source: a folder, a SKILL.md or an archive file on disk, or a URL of the
   * kind that claims it (a git URL, GitHub tree URLs too, or an http(s) index/SKILL.md/archive URL;
   * never `mcp`, which claims none). Fetched into a temp cache, installed through governance,
   * recorded in the lockfile, cache dropped.
   */
  async addOnce(source: string, ref: string | null, allowLocal: boolean): Promise<AddedSkill[]> {
    if (existsSync(source) && statSync(source).isFile() && ARCHIVE_FILE.test(source)) {
      const size = statSync(source).size
      if (size > MAX_LOCAL_ARCHIVE) {
        throw new AppError(
          'UNSAFE_SOURCE',
          `Refused ${source}: archives over ${MAX_LOCAL_ARCHIVE} bytes are not imported.`,
        )
      }
      return this.addArchive(readFileSync(source), resolve(source))
    }
    let type: SourceType
    let url: string
    if (existsSync(source)) {
      // Something on disk is a folder; a SKILL.md names its folder.
      type = 'local'
      url = resolve(source)
      if (statSync(url).isFile()) {
        // Any other file is neither a skill nor an archive.
        if (!/^skill\.md$/i.test(basename(url))) {
          throw new AppError(
            'INVALID_INPUT',
            `${source} is a file, not a skill: give a skill folder, its SKILL.md, or a .zip/.skill/.tar.gz archive.`,
          )
        }
        url = dirname(url)
      }
    } else {
      // Anything else is a URL of the kind that claims it; what no URL kind claims is taken for a path
      // (read in place, not cached), and there is nothing there.
      type = inferType(source)
      if (!kindOf({ type }).cached) {
        const given = sourceKindsListed(true).flatMap((t) => sourceKindFacts[t].given ?? [])
        throw new AppError(
          'NOT_FOUND',
          `${source} is neither a folder, a file nor a URL SkillDock can fetch. Give a ${joinKinds(given)}.`,
        )
      }
      url = kindOf({ type }).validate(source, ref)
    }
    const spec: SourceSpec = { name: onceName(), type, url, ref, allowLocal }
    try {
      const meta = await this.deps.cache.fetch(spec)
      return await this.installOnce(this.deps.cache.rootOf(spec), { ...spec, name: source }, meta)
    } finally {
      // A kind read in place (a folder) has no copy to drop: never delete the user's folder.
      if (kindOf(spec).cached) this.deps.cache.drop(spec)
    }
  }

  /**
   * Imports the skills in an archive's bytes (a file on disk, or one uploaded in the UI): extracted
   * under the archive limits into a temp cache, then installed like any source.
   */
  async addArchive(bytes: Buffer, label: string): Promise<AddedSkill[]> {
    const spec: SourceSpec = { name: onceName(), type: 'local', url: label, ref: null, allowLocal: false }
    const dir = this.deps.cache.dir(spec)
    try {
      mkdirSync(dir, { recursive: true })
      extractArchive(bytes, dir)
      const meta = { commit: null, archiveSha256: createHash('sha256').update(bytes).digest('hex') }
      return await this.installOnce(dir, { ...spec, name: label }, meta)
    } finally {
      this.deps.cache.drop(spec)
    }
  }

  /** Imports pasted SKILL.md text as a new skill, in a folder named after its frontmatter `name`. */
  async addSkillText(content: string): Promise<AddedSkill[]> {
    const name = /^name:\s*["']?([^\s"']+)["']?\s*$/m.exec(content.replace(/\r\n/g, '\n'))?.[1]
    if (!name || !/^[a-z0-9][a-z0-9-]{0,63}$/.test(name)) {
      throw new AppError(
        'INVALID_SKILL',
        'The pasted SKILL.md needs frontmatter with a `name:` of lowercase letters, digits and single hyphens.',
      )
    }
    const spec: SourceSpec = { name: onceName(), type: 'local', url: 'pasted', ref: null, allowLocal: false }
    const dir = this.deps.cache.dir(spec)
    try {
      mkdirSync(join(dir, name), { recursive: true })
      writeFileSync(join(dir, name, 'SKILL.md'), content)
      return await this.installOnce(
        dir,
        { ...spec, name: `pasted:${name}` },
        { commit: null, archiveSha256: null },
      )
    } finally {
      this.deps.cache.drop(spec)
    }
  }

  /** Installs every skill under `root` through governance and records each as coming from `spec`. */
  private async installOnce(root: string, spec: SourceSpec, meta: FetchMeta): Promise<AddedSkill[]> {
    const offered = offeredSkills(root)
    if (offered.length === 0) {
      throw new AppError('INVALID_INPUT', `No skills found in ${spec.name}: no folder holds a SKILL.md.`)
    }
    const added = await this.deps.library.install(
      offered.map((s) => s.dir),
      'user',
      () => `${spec.type}:${spec.name}`,
    )
    this.deps.lockfile.update((doc) => {
      for (const s of offered) doc.skills[s.name] = lockEntry(this.deps, spec, meta, s)
    })
    return added
  }
}
