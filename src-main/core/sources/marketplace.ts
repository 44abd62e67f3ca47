import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { z } from 'zod'
import type { AddedSkill } from '../../contract/models'
import type { CatalogEntry, CatalogView } from '../../contract/sources'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import { safeGet } from './safeHttp'

/** The largest catalog read, from a file or a URL. */
export const MAX_CATALOG_BYTES = 1024 * 1024

/** Untrusted catalog text: bounded, and no control characters (it is printed to terminals). */
// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f-\u009f]*$/
const text = (max: number) => z.string().max(max).regex(NO_CONTROL, 'no control characters')

/** Sources a catalog may name: URLs `skilldock add` fetches (never a bare local path). */
const SOURCE_URL = /^(https?:\/\/|git:\/\/|ssh:\/\/|file:\/\/|[a-z0-9._-]+@[a-z0-9.-]+:)/i

/** Catalog JSON, version 1 (README "Marketplace catalogs"). */
const CatalogDocument = z
  .object({
    version: z.literal(1).optional(),
    name: text(200).min(1),
    skills: z
      .array(
        z
          .object({
            id: text(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, 'letters, digits, ".", "_", "-" and "/"'),
            name: text(64).min(1),
            description: text(1024).default(''),
            tags: z.array(text(64).min(1)).max(32).default([]),
            source: text(4096).regex(SOURCE_URL, 'a git URL or an http(s) URL'),
            ref: text(255)
              .min(1)
              .regex(/^[^-\s][^\s]*$/, 'a branch, tag or commit (no spaces, not starting with "-")')
              .optional(),
            homepage: text(2048)
              .regex(/^https?:\/\//i, 'an http(s) URL')
              .optional(),
          })
          .passthrough(),
      )
      .max(5000),
  })
  .passthrough()
  .superRefine((doc, ctx) => {
    const seen = new Set<string>()
    doc.skills.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['skills', i, 'id'], message: `duplicate id "${s.id}"` })
      seen.add(s.id)
    })
  })

/** `<home>/marketplace/catalog.json`: the last catalog read and where it came from. */
const Remembered = z.object({
  version: z.literal(1),
  origin: z.string(),
  fromUrl: z.boolean(),
  fetchedAt: z.string(),
  catalog: z.unknown(),
})

interface Loaded {
  view: CatalogView
  fromUrl: boolean
}

/** Marketplace catalogs: a JSON list of skills and where to get them, installed through `add`'s path. */
export class Marketplace {
  constructor(
    private readonly deps: {
      /** Where the last catalog read is remembered. */
      file: string
      clock: Clock
      ownPorts: number[]
      addOnce: (source: string, ref: string | null, allowLocal: boolean) => Promise<AddedSkill[]>
    },
  ) {}

  /** The catalog's skills (the given catalog is read and remembered first), those with `tag` only. */
  async browse(
    catalog: string | undefined,
    tag: string | undefined,
    allowLocal: boolean,
  ): Promise<CatalogView> {
    const { view } = await this.load(catalog, allowLocal)
    if (!tag) return view
    const wanted = tag.toLowerCase()
    return { ...view, skills: view.skills.filter((s) => s.tags.some((t) => t.toLowerCase() === wanted)) }
  }

  async show(
    id: string,
    catalog: string | undefined,
    allowLocal: boolean,
  ): Promise<CatalogEntry & { catalog: string }> {
    const { view } = await this.load(catalog, allowLocal)
    return { ...this.entry(view, id), catalog: view.origin }
  }

  /** Installs the entry's source once (scan + governance, lockfile), like `skilldock add <source>`. */
  async install(
    id: string,
    catalog: string | undefined,
    allowLocal: boolean,
  ): Promise<{ id: string; skills: AddedSkill[] }> {
    const { view, fromUrl } = await this.load(catalog, allowLocal)
    const entry = this.entry(view, id)
    if (fromUrl && /^file:/i.test(entry.source)) {
      throw new AppError(
        'UNSAFE_SOURCE',
        `Refused ${id}: a catalog read from a URL may not point at this machine (${entry.source}).`,
      )
    }
    return { id, skills: await this.deps.addOnce(entry.source, entry.ref, allowLocal) }
  }

  private entry(view: CatalogView, id: string): CatalogEntry {
    const found = view.skills.find((s) => s.id === id)
    if (!found) {
      throw new AppError(
        'NOT_FOUND',
        `The catalog ${view.origin} has no skill "${id}". List the ids with \`skilldock marketplace browse\`.`,
      )
    }
    return found
  }

  /** Reads and remembers `catalog` when given, else the remembered one. Nothing is written when it is bad. */
  private async load(catalog: string | undefined, allowLocal: boolean): Promise<Loaded> {
    if (catalog === undefined) return this.remembered()
    const fromUrl = /^https?:\/\//i.test(catalog)
    const origin = fromUrl ? catalog : resolve(catalog)
    const raw = fromUrl ? await this.fetch(catalog, allowLocal) : readCatalogFile(origin)
    const view = parseCatalog(raw, origin, isoNow(this.deps.clock))
    const file = this.deps.file
    mkdirSync(dirname(file), { recursive: true })
    const tmp = `${file}.${process.pid}.tmp`
    const doc = {
      version: 1,
      origin,
      fromUrl,
      fetchedAt: view.fetchedAt,
      catalog: JSON.parse(raw) as unknown,
    }
    writeFileSync(tmp, JSON.stringify(doc, null, 2) + '\n')
    renameSync(tmp, file)
    return { view, fromUrl }
  }

  private async fetch(url: string, allowLocal: boolean): Promise<string> {
    const got = await safeGet(url, { allowLocal, ownPorts: this.deps.ownPorts, maxBytes: MAX_CATALOG_BYTES })
    return got.body.toString('utf8')
  }

  private remembered(): Loaded {
    if (!existsSync(this.deps.file)) {
      throw new AppError(
        'NOT_FOUND',
        'No catalog yet: run `skilldock marketplace browse --catalog <file|url>` first.',
      )
    }
    let doc: z.infer<typeof Remembered>
    try {
      doc = Remembered.parse(JSON.parse(readFileSync(this.deps.file, 'utf8')))
    } catch {
      throw new AppError(
        'INVALID_INPUT',
        `The remembered catalog ${this.deps.file} is unreadable; read it again with \`skilldock marketplace browse --catalog <file|url>\`.`,
      )
    }
    const view = parseCatalog(JSON.stringify(doc.catalog), doc.origin, doc.fetchedAt)
    return { view, fromUrl: doc.fromUrl }
  }
}

function readCatalogFile(path: string): string {
  if (!existsSync(path) || !statSync(path).isFile()) {
    throw new AppError('NOT_FOUND', `No catalog file at ${path}; give a catalog JSON file or an http(s) URL.`)
  }
  if (statSync(path).size > MAX_CATALOG_BYTES) {
    throw new AppError('INVALID_INPUT', `The catalog ${path} is over ${MAX_CATALOG_BYTES} bytes.`)
  }
  return readFileSync(path, 'utf8')
}

/** Validates catalog JSON text; a bad catalog is INVALID_INPUT naming its first problems. */
export function parseCatalog(raw: string, origin: string, fetchedAt: string): CatalogView {
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch (err) {
    throw new AppError(
      'INVALID_INPUT',
      `The catalog ${origin} is not JSON (${err instanceof Error ? err.message : String(err)}); fix the file and try again.`,
    )
  }
  const parsed = CatalogDocument.safeParse(json)
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`)
      .join('; ')
    throw new AppError(
      'INVALID_INPUT',
      `The catalog ${origin} is not a valid catalog (version 1): ${problems}. See README "Marketplace catalogs".`,
    )
  }
  return {
    name: parsed.data.name,
    origin,
    fetchedAt,
    skills: parsed.data.skills.map((s) => ({
      id: s.id,
      name: s.name,
      description: s.description,
      tags: s.tags,
      source: s.source,
      ref: s.ref ?? null,
      homepage: s.homepage ?? null,
    })),
  }
}
