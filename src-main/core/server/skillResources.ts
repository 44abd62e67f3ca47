import { ProtocolError, ProtocolErrorCode, type Resource } from '@modelcontextprotocol/server'
import {
  type SkillReadResult,
  type SkillSource,
  SkillsExtension,
} from '@modelcontextprotocol/server/ext/skills'
import { AppError } from '../base/appError'
import type { Logger } from '../base/logger'
import type { ClientIdentity } from './clients'
import type { SkillExposure } from './exposure'
import {
  asText,
  mimeTypeOf,
  parseSkillUri,
  type SkillFileStore,
  type SkillManifest,
  skillUri,
} from './skillFiles'
import { type PublishedSkill, publishedSkill } from './skillsPublish'

/** Freshness hint of listings and entries; `private`: what a client sees depends on who it is. */
export const CACHE_FIELDS = { ttlMs: 30_000, cacheScope: 'private' as const }
const SKILLS_PAGE = 50
const DIRECTORY_PAGE = 200
const DIRECTORY_MIME = 'inode/directory'

export interface ResourceContext {
  client: ClientIdentity
  exposure: SkillExposure
  files: SkillFileStore
  logger: Logger
}

const extensions = new WeakMap<SkillExposure, Map<string, SkillsExtension>>()

/**
 * The SDK's Skills extension (SEP-2640: `skills/list`, `skills/get`, `resources/directory/read` and
 * the `skill://` resources, with cache hints on 2026-07-28) over what this client may see. One per
 * client: built once, attached to each server (session or request) that answers as the client.
 */
export function skillsExtensionFor(ctx: ResourceContext): SkillsExtension {
  let byClient = extensions.get(ctx.exposure)
  if (!byClient) extensions.set(ctx.exposure, (byClient = new Map()))
  const key = `${ctx.client.name}\0${ctx.client.mode}`
  let extension = byClient.get(key)
  if (!extension) {
    extension = new SkillsExtension({
      source: skillSource(ctx),
      cacheHint: CACHE_FIELDS,
      onWarning: (warning) => ctx.logger.log('warn', 'skills extension', { ...warning }),
    })
    byClient.set(key, extension)
  }
  return extension
}

const invalid = (message: string): ProtocolError =>
  new ProtocolError(ProtocolErrorCode.InvalidParams, message)

function readCursor(value: string | undefined): number {
  if (value === undefined) return 0
  if (/^[A-Za-z0-9_-]{1,40}$/.test(value)) {
    const offset = Number(Buffer.from(value, 'base64url').toString('utf8').replace(/^o:/, ''))
    if (Number.isSafeInteger(offset) && offset >= 0) return offset
  }
  throw invalid('Invalid cursor: pass back the nextCursor of the previous page unchanged.')
}
const nextCursor = (offset: number, total: number): { nextCursor?: string } =>
  offset < total ? { nextCursor: Buffer.from(`o:${offset}`).toString('base64url') } : {}

/**
 * SkillDock's catalog as a `SkillSource` for one client. SkillDock's rules stay here: only skills
 * this client may see (trust, allow-lists, role, SEP-2640 limits, approved pins: the exposure),
 * entries the SDK accepts (see `publishedSkill`), and file bytes only while they still match their
 * digest — a file changed on disk since it was listed fails the read instead of being served.
 */
export function skillSource(ctx: ResourceContext): SkillSource {
  // SKILL.md changing on disk while its entry is built: left out of this answer, not failing it.
  const publishedOf = async (manifest: SkillManifest | null) =>
    manifest
      ? publishedSkill(manifest, ctx.files, ctx.logger).catch((err: unknown) => {
          if (err instanceof AppError) return null
          throw err
        })
      : null
  /** The visible, published skill named by a `skill://` URI, with its manifest. */
  const served = async (
    name: string,
  ): Promise<{ manifest: SkillManifest; published: PublishedSkill } | null> => {
    const manifest = await ctx.exposure.manifest(ctx.client, name)
    const published = await publishedOf(manifest)
    return manifest && published ? { manifest, published } : null
  }
  const servedAll = async () => {
    const all: { manifest: SkillManifest; published: PublishedSkill }[] = []
    for (const skill of ctx.exposure.visible(ctx.client)) {
      const manifest = await ctx.exposure.manifestOf(ctx.client, skill.name)
      const published = await publishedOf(manifest)
      if (manifest && published) all.push({ manifest, published })
    }
    return all
  }
  return {
    list: ({ cursor }) =>
      guarded(async () => {
        const offset = readCursor(cursor)
        const all = await servedAll()
        const page = all.slice(offset, offset + SKILLS_PAGE)
        return { skills: page.map((s) => s.published.skill), ...nextCursor(offset + page.length, all.length) }
      }),
    get: (uri) =>
      guarded(async () => {
        const parsed = parseSkillUri(uri)
        if (!parsed || parsed.path !== 'SKILL.md') return undefined
        return (await served(parsed.name))?.published.skill
      }),
    read: (uri) => guarded(() => readFile(ctx, served, uri)),
    readDirectory: (uri, { cursor }) =>
      guarded(async () => {
        const parsed = parseSkillUri(uri)
        const skill = parsed ? await served(parsed.name) : null
        if (!parsed || !skill) return undefined
        const children = directoryChildren(skill.manifest, skill.published, parsed.path)
        if (!children) return undefined
        const offset = readCursor(cursor)
        const page = children.slice(offset, offset + DIRECTORY_PAGE)
        return { resources: page, ...nextCursor(offset + page.length, children.length) }
      }),
    // `resources/list` names each skill's SKILL.md; its other files are in the skill's entry.
    listResources: () =>
      guarded(async () =>
        (await servedAll()).map(({ manifest, published }) => ({
          uri: published.skill.uri,
          name: manifest.name,
          title: `${manifest.name} (SKILL.md)`,
          ...(typeof published.skill.frontmatter.description === 'string' && {
            description: published.skill.frontmatter.description,
          }),
          mimeType: 'text/markdown',
          size: published.skillMd?.length ?? manifest.files.find((f) => f.uriPath === 'SKILL.md')?.size,
        })),
      ),
  }
}

async function readFile(
  ctx: ResourceContext,
  served: (name: string) => Promise<{ manifest: SkillManifest; published: PublishedSkill } | null>,
  uri: string,
): Promise<SkillReadResult | undefined> {
  const parsed = parseSkillUri(uri)
  const skill = parsed && parsed.path !== '' ? await served(parsed.name) : null
  const file = skill?.manifest.files.find((f) => f.uriPath === parsed?.path)
  if (!skill || !file) return undefined
  const mimeType = mimeTypeOf(file.uriPath)
  const bytes =
    file.uriPath === 'SKILL.md' && skill.published.skillMd
      ? skill.published.skillMd
      : ctx.files.read(skill.manifest, file)
  const text = asText(bytes)
  return text !== null ? { text, mimeType } : { bytes, mimeType }
}

/** The direct children of a skill directory ('' is the skill's root); null when it is not one. */
function directoryChildren(
  manifest: SkillManifest,
  published: PublishedSkill,
  path: string,
): Resource[] | null {
  const prefix = path === '' ? '' : `${path}/`
  if (path !== '' && !manifest.files.some((f) => f.uriPath.startsWith(prefix))) return null
  const children = new Map<string, Resource>()
  for (const f of manifest.files) {
    if (!f.uriPath.startsWith(prefix)) continue
    const [head, ...rest] = f.uriPath.slice(prefix.length).split('/')
    if (head === undefined || children.has(head)) continue
    children.set(
      head,
      rest.length === 0
        ? {
            uri: skillUri(manifest.name, f.uriPath),
            name: head,
            mimeType: mimeTypeOf(f.uriPath),
            // A SKILL.md rendition (see publishedSkill) is the size served.
            size: f.uriPath === 'SKILL.md' ? (published.skillMd?.length ?? f.size) : f.size,
          }
        : { uri: skillUri(manifest.name, prefix + head), name: head, mimeType: DIRECTORY_MIME },
    )
  }
  return [...children.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
}

/** AppErrors (a file changed while being read, an unreadable folder) become MCP internal errors. */
async function guarded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (err) {
    if (err instanceof AppError) throw new ProtocolError(ProtocolErrorCode.InternalError, err.message)
    throw err
  }
}
