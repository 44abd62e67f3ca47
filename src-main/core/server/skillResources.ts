import {
  ProtocolError,
  ProtocolErrorCode,
  type ReadResourceResult,
  type Resource,
} from '@modelcontextprotocol/server'
import { z } from 'zod'
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

/** The extension's identifier and the capability SkillDock declares for it. */
export const SKILLS_EXTENSION = 'io.modelcontextprotocol/skills'
export const SKILLS_EXTENSION_CAPABILITY = { directoryRead: true }

/** Freshness hint of listings and entries; `private`: what a client sees depends on who it is. */
export const CACHE_FIELDS = { ttlMs: 30_000, cacheScope: 'private' as const }
const SKILLS_PAGE = 50
const RESOURCES_PAGE = 200
const DIRECTORY_MIME = 'inode/directory'

/** SEP-2640 request params, registered through the SDK's custom request handlers. Checked by hand
 * so that bad params are answered with -32602 rather than the SDK's generic parse failure. */
export const SkillsParamsSchema = z
  .looseObject({ cursor: z.unknown().optional(), uri: z.unknown().optional() })
  .optional()
type SkillsParams = z.infer<typeof SkillsParamsSchema>

export interface ResourceContext {
  client: ClientIdentity
  exposure: SkillExposure
  files: SkillFileStore
}

const invalid = (message: string): ProtocolError =>
  new ProtocolError(ProtocolErrorCode.InvalidParams, message)

function readCursor(value: unknown): number {
  if (value === undefined) return 0
  if (typeof value === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(value)) {
    const offset = Number(Buffer.from(value, 'base64url').toString('utf8').replace(/^o:/, ''))
    if (Number.isSafeInteger(offset) && offset >= 0) return offset
  }
  throw invalid('Invalid cursor: pass back the nextCursor of the previous page unchanged.')
}
const nextCursor = (offset: number, total: number): { nextCursor?: string } =>
  offset < total ? { nextCursor: Buffer.from(`o:${offset}`).toString('base64url') } : {}

function requireUri(value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 4096) {
    throw invalid('params.uri must be a resource URI string.')
  }
  return value
}

/** A skill's SEP-2640 entry; null when its frontmatter name does not match its URI (never served then). */
export function skillEntry(manifest: SkillManifest) {
  if (manifest.frontmatter.name !== manifest.name) return null
  return {
    uri: skillUri(manifest.name, 'SKILL.md'),
    frontmatter: manifest.frontmatter,
    resources: manifest.files.map((f) => ({
      uri: skillUri(manifest.name, f.uriPath),
      digest: f.digest,
      size: f.size,
    })),
  }
}

async function servedManifests(ctx: ResourceContext): Promise<SkillManifest[]> {
  const manifests: SkillManifest[] = []
  for (const skill of ctx.exposure.visible(ctx.client)) {
    const manifest = await ctx.exposure.manifestOf(ctx.client, skill.name)
    if (manifest && skillEntry(manifest)) manifests.push(manifest)
  }
  return manifests
}

/** `skills/list`: every served skill's complete entry, paginated (an entry is never split). */
export async function listSkills(ctx: ResourceContext, params: SkillsParams) {
  const offset = readCursor(params?.cursor)
  const all = await servedManifests(ctx)
  const page = all.slice(offset, offset + SKILLS_PAGE)
  return {
    resultType: 'complete',
    skills: page.map((m) => skillEntry(m)),
    ...nextCursor(offset + page.length, all.length),
    ...CACHE_FIELDS,
  }
}

/** `skills/get`: one entry by its SKILL.md URI; -32602 for anything not served to this client. */
export async function getSkill(ctx: ResourceContext, params: SkillsParams) {
  const uri = requireUri(params?.uri)
  const parsed = parseSkillUri(uri)
  const manifest =
    parsed && parsed.path === 'SKILL.md' ? await ctx.exposure.manifest(ctx.client, parsed.name) : null
  const entry = manifest ? skillEntry(manifest) : null
  if (!entry) throw invalid(`No skill is served at ${uri}`)
  return { resultType: 'complete', skill: entry, ...CACHE_FIELDS }
}

async function servedManifest(ctx: ResourceContext, name: string): Promise<SkillManifest | null> {
  const manifest = await ctx.exposure.manifest(ctx.client, name)
  return manifest && skillEntry(manifest) ? manifest : null
}

/** `resources/read` of a skill file: exactly the bytes its digest describes. */
export async function readResource(ctx: ResourceContext, uri: string): Promise<ReadResourceResult> {
  const parsed = parseSkillUri(uri)
  const manifest = parsed && parsed.path !== '' ? await servedManifest(ctx, parsed.name) : null
  const file = manifest?.files.find((f) => f.uriPath === parsed?.path)
  if (!manifest || !file) throw invalid(`No resource is served at ${uri}`)
  const bytes = ctx.files.read(manifest, file)
  const mimeType = mimeTypeOf(file.uriPath)
  const text = asText(bytes)
  return {
    contents: [text !== null ? { uri, mimeType, text } : { uri, mimeType, blob: bytes.toString('base64') }],
  }
}

function fileResource(
  manifest: SkillManifest,
  uriPath: string,
  size: number,
  description: string | undefined,
): Resource {
  const isSkillFile = uriPath === 'SKILL.md'
  return {
    uri: skillUri(manifest.name, uriPath),
    name: isSkillFile ? manifest.name : (uriPath.split('/').pop() ?? uriPath),
    title: isSkillFile ? `${manifest.name} (SKILL.md)` : `${manifest.name}/${uriPath}`,
    ...(isSkillFile && description !== undefined && { description }),
    mimeType: mimeTypeOf(uriPath),
    size,
  }
}

/** `resources/list`: every file of every served skill, paginated. */
export async function listResources(ctx: ResourceContext, cursor: unknown) {
  const offset = readCursor(cursor)
  const all = (await servedManifests(ctx)).flatMap((manifest) => {
    const description =
      typeof manifest.frontmatter.description === 'string' ? manifest.frontmatter.description : undefined
    return manifest.files.map((f) => fileResource(manifest, f.uriPath, f.size, description))
  })
  const page = all.slice(offset, offset + RESOURCES_PAGE)
  return { resources: page, ...nextCursor(offset + page.length, all.length) }
}

/** `resources/directory/read`: the direct children of a skill directory (the root is `skill://<name>`). */
export async function readDirectory(ctx: ResourceContext, params: SkillsParams) {
  const uri = requireUri(params?.uri)
  const offset = readCursor(params?.cursor)
  const parsed = parseSkillUri(uri)
  const manifest = parsed ? await servedManifest(ctx, parsed.name) : null
  if (!parsed || !manifest) throw invalid(`No directory is served at ${uri}`)
  const prefix = parsed.path === '' ? '' : `${parsed.path}/`
  if (parsed.path !== '' && !manifest.files.some((f) => f.uriPath.startsWith(prefix))) {
    const isFile = manifest.files.some((f) => f.uriPath === parsed.path)
    throw invalid(isFile ? `${uri} is not a directory resource` : `No directory is served at ${uri}`)
  }
  const children = new Map<string, Resource>()
  for (const f of manifest.files) {
    if (!f.uriPath.startsWith(prefix)) continue
    const [head, ...rest] = f.uriPath.slice(prefix.length).split('/')
    if (head === undefined) continue
    if (rest.length === 0) children.set(head, fileResource(manifest, f.uriPath, f.size, undefined))
    else if (!children.has(head)) {
      children.set(head, {
        uri: skillUri(manifest.name, prefix + head),
        name: head,
        mimeType: DIRECTORY_MIME,
      })
    }
  }
  const all = [...children.values()].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
  const page = all.slice(offset, offset + RESOURCES_PAGE)
  return { resultType: 'complete', resources: page, ...nextCursor(offset + page.length, all.length) }
}
