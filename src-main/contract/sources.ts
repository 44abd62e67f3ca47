import { z } from 'zod'
import { AddedSkill } from './models'

/**
 * Where skills come from: a folder, a git repository, an HTTP index/file/archive, or an MCP server.
 * Each member has its facts in `sourceKindFacts` (./sourceKindFacts.ts) and one module in
 * core/sources/kinds/ (see docs/ARCHITECTURE.md, "Source kinds"); both are `Record`s over this enum,
 * so a new member does not compile until it has both.
 */
export const SourceType = z.enum(['git', 'local', 'http', 'mcp'])
export type SourceType = z.infer<typeof SourceType>
/** @deprecated Use SourceType; kept so older imports still compile. */
export const RepoType = SourceType
/** @deprecated Use SourceType. */
export type RepoType = SourceType

/** A configured skill source with the outcome of its last sync. */
export const RepoInfo = z.object({
  id: z.number().int(),
  name: z.string(),
  type: SourceType,
  url: z.string(),
  ref: z.string().nullable(),
  autoSyncMinutes: z.number().int().nullable(),
  allowLocal: z.boolean(),
  /** A pick source: its sync lists what it offers and installs nothing until `repos.install`. */
  pick: z.boolean().optional(),
  lastSyncAt: z.string().nullable(),
  lastStatus: z.enum(['ok', 'error', 'cancelled']).nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
})
export type RepoInfo = z.infer<typeof RepoInfo>

/** What a sync found for one skill of a source. */
export const SyncItemStatus = z.enum([
  'installed',
  'unchanged',
  'update-available',
  'conflict',
  'orphaned',
  'skipped',
  /** Offered by a pick source and not installed: `repos.install` installs it. */
  'offered',
])
export type SyncItemStatus = z.infer<typeof SyncItemStatus>

export const SyncItem = z.object({
  name: z.string(),
  status: SyncItemStatus,
  /** The state after install (for `installed`), or why it was skipped / conflicts. */
  state: z.string().nullable(),
  message: z.string().nullable(),
})
export type SyncItem = z.infer<typeof SyncItem>

export const SyncReport = z.object({
  repo: z.string(),
  commit: z.string().nullable(),
  items: z.array(SyncItem),
})
export type SyncReport = z.infer<typeof SyncReport>

/** A skill offered by a source, as last fetched. */
export const SourceSkill = z.object({
  name: z.string(),
  description: z.string(),
  path: z.string(),
  installed: z.boolean(),
  status: SyncItemStatus.nullable(),
  /** The library state of the installed skill (e.g. `pending` while it waits for approval). */
  state: z.string().nullable(),
  /** Why it is not installed (a malformed SKILL.md, a name taken by another source), or null. */
  reason: z.string().nullable(),
  /**
   * What installing it would do: `new` (not installed yet), `installed`, `update-available`,
   * `invalid` (its SKILL.md cannot be read; see reason) or `skipped` (see reason).
   */
  offer: z.enum(['new', 'installed', 'update-available', 'invalid', 'skipped']),
})
export type SourceSkill = z.infer<typeof SourceSkill>

export const ExportTarget = z.enum(['claude-code', 'codex', 'cursor', 'agents'])
export type ExportTarget = z.infer<typeof ExportTarget>

/** A skill in an agent's skills folder that SkillDock did not put there. */
export const AdoptableSkill = z.object({
  name: z.string(),
  description: z.string(),
  /** Folder name inside the agent's skills folder. */
  path: z.string(),
  valid: z.boolean(),
  /** Why it cannot be adopted (invalid, or a skill of that name exists); null when it can. */
  problem: z.string().nullable(),
})
export type AdoptableSkill = z.infer<typeof AdoptableSkill>

/** The largest archive the UI may upload (the HTTP bridge takes bodies up to 2 MiB, base64 included). */
export const MAX_UPLOAD_BYTES = 1024 * 1024

const RepoName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit')

/** Routes of skill sources, updates and export; spread into the route map. */
export const sourceRoutes = {
  /** Adds a source (checked for safety, not fetched yet). `allowLocal` permits private/loopback HTTP hosts. */
  'repos.add': {
    input: z
      .object({
        name: RepoName,
        url: z.string().min(1).max(4096),
        type: SourceType.optional(),
        ref: z.string().min(1).max(255).optional(),
        autoSyncMinutes: z.number().int().min(1).max(10080).optional(),
        allowLocal: z.boolean().optional(),
        /** Sync only lists what the source offers; `repos.install` installs the chosen skills. */
        pick: z.boolean().optional(),
      })
      .strict(),
    output: RepoInfo,
  },
  /** Every source with its last sync outcome. */
  'repos.list': { input: z.object({}).strict(), output: z.array(RepoInfo) },
  /** Fetches one source (or all) and reconciles its skills with the library and the lockfile. */
  'repos.sync': {
    input: z.object({ name: z.string().optional(), all: z.boolean().optional() }).strict(),
    output: z.array(SyncReport),
  },
  /**
   * Keeps the bearer token of an MCP source over HTTP in the OS keychain (`null` deletes it). The
   * token is never returned by any route.
   */
  'repos.setToken': {
    input: z.object({ name: z.string(), token: z.string().min(1).max(8192).nullable() }).strict(),
    output: z.object({ name: z.string(), stored: z.boolean() }),
  },
  /** Cancels a running sync of a source; `cancelled` is false when none was running. */
  'repos.cancel': {
    input: z.object({ name: z.string() }).strict(),
    output: z.object({ cancelled: z.boolean() }),
  },
  /**
   * Installs skills a source offered at its last sync (named, or `all`), through scan and
   * governance, recording each in the lockfile. The way to install from a pick source.
   */
  'repos.install': {
    input: z
      .object({
        name: z.string(),
        skills: z.array(z.string().min(1).max(128)).max(20000).optional(),
        all: z.boolean().optional(),
      })
      .strict(),
    output: z.object({
      installed: z.array(AddedSkill),
      skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
  /** The skills a source offered at its last sync. */
  'repos.browse': { input: z.object({ name: z.string() }).strict(), output: z.array(SourceSkill) },
  /** Forgets a source and its cache; installed skills stay (marked orphaned in the lockfile). */
  'repos.remove': {
    input: z.object({ name: z.string() }).strict(),
    output: z.object({ removed: z.string() }),
  },
  /** Installed skills whose source has a newer version (`conflict`: also edited locally). */
  'skills.updates': {
    input: z.object({}).strict(),
    output: z.array(
      z.object({
        name: z.string(),
        source: z.string(),
        status: z.enum(['update-available', 'conflict']),
      }),
    ),
  },
  /** Applies available updates through governance; a locally edited skill is refused unless `force`. */
  'skills.update': {
    input: z
      .object({ name: z.string().optional(), all: z.boolean().optional(), force: z.boolean().optional() })
      .strict(),
    output: z.array(
      z.object({
        name: z.string(),
        applied: z.boolean(),
        state: z.string().nullable(),
        message: z.string().nullable(),
      }),
    ),
  },
  /** Copies active skills into an agent's skills folder, with an origin marker. */
  'skills.export': {
    input: z
      .object({ target: ExportTarget, dir: z.string().optional(), names: z.array(z.string()).optional() })
      .strict(),
    output: z.object({
      dir: z.string(),
      written: z.array(z.string()),
      unchanged: z.array(z.string()),
      removed: z.array(z.string()),
      skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
      /** Exported skills the target agent's loader refuses (Codex: a description over 1,024 characters). */
      warnings: z.array(z.object({ name: z.string(), reason: z.string() })).optional(),
    }),
  },
  /** Skills in an agent's skills folder (default: the target's) that SkillDock did not export there. */
  'skills.adoptable': {
    input: z.object({ target: ExportTarget, dir: z.string().optional() }).strict(),
    output: z.array(AdoptableSkill),
  },
  /** Imports skills from an agent's skills folder into the library (scan + governance); all when no names. */
  'skills.adopt': {
    input: z
      .object({
        target: ExportTarget,
        dir: z.string().optional(),
        names: z.array(z.string()).min(1).optional(),
      })
      .strict(),
    output: z.object({
      dir: z.string(),
      adopted: z.array(AddedSkill),
      skipped: z.array(z.object({ name: z.string(), reason: z.string() })),
    }),
  },
  /**
   * Imports the skills of an uploaded `.zip`/`.skill`/`.tar.gz` (base64, at most 1 MiB of archive),
   * extracted with the archive limits and installed through governance.
   */
  'skills.importArchive': {
    input: z
      .object({
        fileName: z.string().min(1).max(255),
        base64: z
          .string()
          .min(1)
          .max(
            Math.ceil(MAX_UPLOAD_BYTES / 3) * 4,
            'The archive is over 1 MiB; add it by URL or path instead.',
          ),
      })
      .strict(),
    output: z.object({ skills: z.array(AddedSkill) }),
  },
  /** Imports pasted SKILL.md text as a new skill (a folder named after its `name`), through governance. */
  'skills.importText': {
    input: z.object({ content: z.string().min(1).max(1_000_000) }).strict(),
    output: z.object({ skills: z.array(AddedSkill) }),
  },
  /** Imports any source (path, git URL, HTTP URL or archive) once, without keeping it as a repo. */
  'skills.addSource': {
    input: z
      .object({ source: z.string().min(1), ref: z.string().optional(), allowLocal: z.boolean().optional() })
      .strict(),
    output: z.object({ skills: z.array(AddedSkill) }),
  },
}

/** One skill a marketplace catalog offers (untrusted text, length-limited when the catalog is read). */
export const CatalogEntry = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tags: z.array(z.string()),
  /** What `skilldock add` is given: a git URL (GitHub tree URLs too) or an http(s) index/SKILL.md/archive URL. */
  source: z.string(),
  ref: z.string().nullable(),
  homepage: z.string().nullable(),
})
export type CatalogEntry = z.infer<typeof CatalogEntry>

/** A catalog as remembered in the data home: where it was read from, when, and its skills. */
export const CatalogView = z.object({
  name: z.string(),
  origin: z.string(),
  fetchedAt: z.string(),
  skills: z.array(CatalogEntry),
})
export type CatalogView = z.infer<typeof CatalogView>

const CatalogChoice = {
  /** A catalog file path or http(s) URL to read (and remember); default: the remembered one. */
  catalog: z.string().min(1).max(4096).optional(),
  /** Permits private/loopback hosts for the catalog URL and the entry's http source. */
  allowLocal: z.boolean().optional(),
}

/** Routes of marketplace catalogs; spread into the route map. */
export const marketplaceRoutes = {
  /** Reads a catalog (and remembers it), or the remembered one; lists its skills, filtered by tag. */
  'marketplace.browse': {
    input: z.object({ ...CatalogChoice, tag: z.string().min(1).max(64).optional() }).strict(),
    output: CatalogView,
  },
  /** One entry of the catalog by id. */
  'marketplace.show': {
    input: z.object({ ...CatalogChoice, id: z.string().min(1).max(128) }).strict(),
    output: CatalogEntry.extend({ catalog: z.string() }),
  },
  /** Installs an entry's source once, like `skills.addSource` (scan + governance, lockfile). */
  'marketplace.install': {
    input: z.object({ ...CatalogChoice, id: z.string().min(1).max(128) }).strict(),
    output: z.object({ id: z.string(), skills: z.array(AddedSkill) }),
  },
}

/** Progress of a running sync. */
export const sourceEvents = {
  'sync.progress': z.object({
    repo: z.string(),
    phase: z.enum(['fetching', 'reconciling', 'done', 'failed', 'cancelled']),
    message: z.string().nullable(),
    /** Skills done so far while reconciling or installing, of `total` (absent while fetching). */
    current: z.number().int().optional(),
    total: z.number().int().optional(),
  }),
}
