import { type Skill, SkillCatalogError, skillEntry } from '@modelcontextprotocol/server/ext/skills'
import type { Logger } from '../base/logger'
import { flatMetadataBlock, replaceMetadataBlock } from '../skills/metadataBlock'
import { type SkillFileStore, type SkillManifest, skillUri } from './skillFiles'

/**
 * A skill as SkillDock publishes it through the Skills extension (SEP-2640): its entry, built by the
 * SDK's own `skillEntry` so that the frontmatter is exactly what an SDK host parses from SKILL.md
 * when it verifies the file, and — only when the folder's frontmatter has nested `metadata` — the
 * SKILL.md rendition that is served instead of the file on disk.
 */
export interface PublishedSkill {
  skill: Skill
  /** The SKILL.md bytes served (and digested) instead of the file on disk; absent: the file itself. */
  skillMd?: Buffer
}

/** `_meta` key of an entry whose SKILL.md is a rendition; its value says what differs from the folder. */
export const RENDITION_META = 'dev.skilldock/rendition'
const METADATA_PROBLEM = 'frontmatter metadata must map strings to strings'

const published = new WeakMap<SkillManifest, Promise<PublishedSkill | null>>()

/**
 * The published form of a skill, or null when the SDK's rules refuse it (logged once per version of
 * the folder, with the SDK's reasons). Cached per manifest: a manifest is replaced when a file changes.
 */
export function publishedSkill(
  manifest: SkillManifest,
  files: SkillFileStore,
  logger: Logger,
): Promise<PublishedSkill | null> {
  let entry = published.get(manifest)
  if (!entry) {
    entry = build(manifest, files, logger)
    // A file that changed while it was read is not cached as a verdict: the next request rebuilds.
    entry.catch(() => published.delete(manifest))
    published.set(manifest, entry)
  }
  return entry
}

async function build(
  manifest: SkillManifest,
  files: SkillFileStore,
  logger: Logger,
): Promise<PublishedSkill | null> {
  const file = manifest.files.find((f) => f.uriPath === 'SKILL.md')
  if (!file) return refuse(manifest, logger, ['the folder has no SKILL.md'])
  const onDisk = files.read(manifest, file)
  let problems = await entryProblems(manifest.name, onDisk)
  let skill = problems.entry
  let skillMd: Buffer | undefined
  // SEP-2640 entries carry `metadata` only as a map of strings, and SDK hosts refuse the whole
  // listing otherwise; SkillDock's own skills nest maps there (metadata.skilldock, metadata.openclaw).
  // Such a skill is published with a SKILL.md whose metadata values are strings (JSON for maps and
  // lists), digested as served, so hosts can still list and verify it; every other byte is the file's.
  if (!skill && problems.messages.every((m) => m === METADATA_PROBLEM)) {
    const block = flatMetadataBlock(manifest.frontmatter.metadata)
    const rendition = block && replaceMetadataBlock(onDisk, block)
    if (rendition) {
      problems = await entryProblems(manifest.name, rendition)
      skill = problems.entry
      skillMd = rendition
    }
  }
  if (!skill) return refuse(manifest, logger, problems.messages)
  const others = manifest.files
    .filter((f) => f.uriPath !== 'SKILL.md')
    .map((f) => ({ uri: skillUri(manifest.name, f.uriPath), digest: f.digest, size: f.size }))
  // Code-unit order of URIs, as the SDK orders entries.
  // skillEntry lists the files it was given: SKILL.md alone, never "dynamic".
  const own = skill.resources === 'dynamic' ? [] : skill.resources
  const resources = [...own, ...others].sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
  return {
    skill: {
      ...skill,
      resources,
      ...(skillMd && {
        _meta: {
          [RENDITION_META]:
            'SKILL.md is served with its frontmatter metadata values as strings (JSON for maps and lists): ' +
            'the skill folder nests maps there, which a SEP-2640 entry cannot carry.',
        },
      }),
    },
    ...(skillMd && { skillMd }),
  }
}

async function entryProblems(name: string, skillMd: Buffer): Promise<{ entry?: Skill; messages: string[] }> {
  try {
    return { entry: await skillEntry(name, { 'SKILL.md': skillMd }), messages: [] }
  } catch (err) {
    if (err instanceof SkillCatalogError) return { messages: err.problems.map((p) => p.message) }
    throw err
  }
}

function refuse(manifest: SkillManifest, logger: Logger, reasons: string[]): null {
  logger.log('warn', 'a skill is not published through the MCP Skills extension (SEP-2640)', {
    skill: manifest.name,
    reasons: reasons.join('; '),
  })
  return null
}
