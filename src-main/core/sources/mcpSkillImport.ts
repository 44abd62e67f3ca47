import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { Client } from '@modelcontextprotocol/client'
import { type Skill, SkillsClient, SkillVerificationError } from '@modelcontextprotocol/client/ext/skills'
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml'
import { AppError } from '../base/appError'
import { replaceMetadataBlock, unflattenMetadata } from '../skills/metadataBlock'

/** A skill the server offered but that was not written, and why. */
export interface RefusedSkill {
  name: string
  message: string
}

const MAX_FILE_BYTES = 10 * 1024 * 1024
const MAX_FILES = 500
const SKILL_NAME = /^[a-z0-9][a-z0-9-]{0,63}$/
/** `_meta` key of an entry that another SkillDock published with flattened metadata (see core/server/skillsPublish). */
const RENDITION_META = 'dev.skilldock/rendition'

function parseUri(uri: string): { name: string; path: string } | null {
  const match = /^skill:\/\/([a-z0-9][a-z0-9-]*)\/(.+)$/.exec(uri)
  if (!match?.[1] || !match[2]) return null
  try {
    const segments = match[2].split('/').map((s) => decodeURIComponent(s))
    if (
      segments.some(
        (s) => s === '' || s === '.' || s === '..' || s.includes('/') || s.includes('\\') || s.includes('\0'),
      )
    ) {
      return null
    }
    return { name: match[1], path: segments.join('/') }
  } catch {
    return null
  }
}

/** The server declares the Skills extension (SEP-2640). */
export function offersSkills(client: Client): boolean {
  return new SkillsClient(client).supported
}

/**
 * Imports every skill the server lists through the SDK's skills client: an entry the SDK finds
 * invalid, or a file whose size, digest or SKILL.md frontmatter differs from the entry, refuses that
 * skill (nothing of it written); the others land in `dest/<name>`.
 */
export async function importListedSkills(
  client: Client,
  dest: string,
  signal?: AbortSignal,
): Promise<{ written: string[]; refused: RefusedSkill[] }> {
  const skills = new SkillsClient(client, {
    // SkillDock reads frontmatter with a full YAML parser; verification uses the same.
    parseFrontmatter: (yaml) => parseYaml(yaml) as Record<string, unknown>,
    skipInvalid: true,
  })
  const listing = await skills.list(undefined, { signal })
  const refused: RefusedSkill[] = listing.invalid.map((bad) => ({
    name: (bad.uri && parseUri(bad.uri)?.name) || bad.uri || `(entry ${bad.index + 1})`,
    message: `refused: its skills/list entry is invalid (${bad.reason}); nothing was written`,
  }))
  const written: string[] = []
  for (const skill of listing.skills) {
    if (signal?.aborted) throw new AppError('CANCELLED', 'The sync was cancelled.')
    try {
      written.push(await importSkill(skills, skill, dest, signal))
    } catch (err) {
      const name = skill.frontmatter.name
      refused.push({
        name: typeof name === 'string' ? name : '(unnamed)',
        message: `refused: ${err instanceof Error ? err.message : String(err)}; nothing was written`,
      })
    }
  }
  return { written, refused }
}

/**
 * Reads one listed file through the SDK's skills client, which checks it against the entry's size
 * and digest; SkillDock's own limit applies before anything is read.
 */
async function readVerified(
  skills: SkillsClient,
  skill: Skill,
  resource: { uri: string; digest: string; size: number },
  signal?: AbortSignal,
): Promise<Buffer> {
  const { uri, size } = resource
  if (size > MAX_FILE_BYTES) throw new Error(`${uri} is ${size} bytes, over the ${MAX_FILE_BYTES}-byte limit`)
  let file: Awaited<ReturnType<SkillsClient['read']>>
  try {
    file = await skills.read(skill, uri, { signal })
  } catch (err) {
    if (err instanceof SkillVerificationError && err.reason === 'frontmatter') {
      throw new Error("its SKILL.md frontmatter does not match the entry's frontmatter", { cause: err })
    }
    throw new Error(
      `${uri} does not match its listed digest and size (listed ${resource.digest}, ${size} bytes): ${
        err instanceof Error ? err.message : String(err)
      }`,
      { cause: err },
    )
  }
  if (!file.verified) throw new Error(`${uri} could not be verified against its listed digest`)
  return Buffer.from(file.bytes)
}

/**
 * The SKILL.md to write for a verified one: as served, except that a SkillDock rendition (metadata
 * values flattened to strings for the entry) gets its maps and lists back, so the skill's own
 * settings (metadata.skilldock) mean here what they meant where it came from.
 */
function skillMdToWrite(skill: Skill, verified: Buffer): Buffer {
  if (skill._meta?.[RENDITION_META] === undefined) return verified
  const metadata = unflattenMetadata(skill.frontmatter.metadata)
  if (!metadata) return verified
  const block = stringifyYaml({ metadata }).trimEnd().split('\n')
  return replaceMetadataBlock(verified, block) ?? verified
}

/** Imports one SEP-2640 entry into `dest/<name>`: all files verified first, written only if all match. */
async function importSkill(
  skills: SkillsClient,
  skill: Skill,
  dest: string,
  signal?: AbortSignal,
): Promise<string> {
  const { uri, frontmatter, resources } = skill
  const main = parseUri(uri)
  if (!main || main.path !== 'SKILL.md' || !SKILL_NAME.test(main.name)) {
    throw new Error(`${uri} is not a skill://<name>/SKILL.md URI`)
  }
  const name = main.name
  if (frontmatter.name !== name)
    throw new Error(`its frontmatter name ${String(frontmatter.name)} is not ${name}`)
  if (resources === 'dynamic')
    throw new Error('it lists no files with digests ("dynamic"), so none can be verified')
  if (resources.length > MAX_FILES) throw new Error(`it lists ${resources.length} files (limit ${MAX_FILES})`)
  const files = new Map<string, Buffer>()
  for (const r of resources) {
    const parsed = parseUri(r.uri)
    if (!parsed || parsed.name !== name) throw new Error(`${r.uri} is not a file of skill://${name}`)
    files.set(parsed.path, await readVerified(skills, skill, r, signal))
  }
  const skillMd = files.get('SKILL.md')
  if (!skillMd) throw new Error('it lists no SKILL.md')
  files.set('SKILL.md', skillMdToWrite(skill, skillMd))
  const stage = join(dest, `.stage-${name}`)
  rmSync(stage, { recursive: true, force: true })
  for (const [path, bytes] of files) {
    mkdirSync(dirname(join(stage, path)), { recursive: true })
    writeFileSync(join(stage, path), bytes)
  }
  renameSync(stage, join(dest, name))
  return name
}
