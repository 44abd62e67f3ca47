import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'
import { GovernanceMode } from '../../contract/models'
import type { ManagedPolicy } from '../../contract/team'
import { AppError } from '../base/appError'

/** `SKILLDOCK_MANAGED_POLICY` overrides the path (tests, packaged deployments). */
export const MANAGED_POLICY_ENV = 'SKILLDOCK_MANAGED_POLICY'

/** The machine-wide policy file of each platform (writable only by an administrator there). */
export function managedPolicyPath(env: NodeJS.ProcessEnv, platform = process.platform): string {
  const override = env[MANAGED_POLICY_ENV]
  if (override) return override
  if (platform === 'darwin') return '/Library/Application Support/SkillDock/policy.json'
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'SkillDock', 'policy.json')
  return '/etc/skilldock/policy.json'
}

const PolicyFile = z
  .object({
    governanceMode: GovernanceMode.optional(),
    requiredTeams: z
      .array(
        z.object({
          name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/),
          url: z.string(),
          ref: z.string().optional(),
          allowLocal: z.boolean().optional(),
        }),
      )
      .optional(),
    allowedSources: z.array(z.string().min(1)).optional(),
    personalSkills: z.boolean().optional(),
  })
  .strict()

/**
 * Reads the managed policy at each use (an administrator may change it while SkillDock runs). A file
 * that cannot be read or parsed locks governance rather than being ignored: a broken policy must not
 * silently lift what it meant to enforce.
 */
export function readManagedPolicy(env: NodeJS.ProcessEnv): ManagedPolicy {
  const path = managedPolicyPath(env)
  const none: ManagedPolicy = {
    path: null,
    governanceMode: null,
    requiredTeams: [],
    allowedSources: null,
    personalSkills: true,
    problems: [],
  }
  let key: string | null = null
  try {
    // Asked on every tool call: no exception for the usual missing file, nanosecond times in the key.
    const s = statSync(path, { bigint: true, throwIfNoEntry: false })
    if (s === undefined) return none
    key = `${path}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`
  } catch {
    // Unreadable folder: parsed (and reported) below.
  }
  // Asked on every tool call: parsed again only when the file changed (a stat is all it costs then).
  if (key !== null && lastRead?.key === key) return lastRead.policy
  const policy = parseManagedPolicy(path, none)
  lastRead = key === null ? null : { key, policy }
  return policy
}

let lastRead: { key: string; policy: ManagedPolicy } | null = null

function parseManagedPolicy(path: string, none: ManagedPolicy): ManagedPolicy {
  try {
    const file = PolicyFile.parse(JSON.parse(readFileSync(path, 'utf8')))
    return {
      path,
      governanceMode: file.governanceMode ?? null,
      requiredTeams: (file.requiredTeams ?? []).map((t) => ({
        name: t.name,
        url: t.url,
        ref: t.ref ?? null,
        allowLocal: t.allowLocal === true,
      })),
      allowedSources: file.allowedSources ?? null,
      personalSkills: file.personalSkills ?? true,
      problems: [],
    }
  } catch (err) {
    const why = err instanceof Error ? err.message.slice(0, 300) : String(err)
    return {
      ...none,
      path,
      governanceMode: 'locked',
      allowedSources: [],
      problems: [
        `${path} could not be read (${why}); governance is locked and no source may be added until it is fixed`,
      ],
    }
  }
}

/** Refuses a governance mode change the managed policy pins. */
export function assertModeAllowed(policy: ManagedPolicy, mode: string | undefined): void {
  if (mode === undefined || policy.governanceMode === null || mode === policy.governanceMode) return
  throw new AppError(
    'CONFLICT',
    `The governance mode is set to ${policy.governanceMode} by the managed policy at ${policy.path}; only an administrator of this machine can change it there.`,
  )
}

/** Refuses a source URL outside the managed policy's allowed sources. */
export function assertSourceAllowed(policy: ManagedPolicy, url: string): void {
  if (policy.allowedSources === null) return
  if (policy.allowedSources.some((prefix) => url.startsWith(prefix))) return
  throw new AppError(
    'UNSAFE_SOURCE',
    `The managed policy at ${policy.path} does not allow the source ${url}` +
      (policy.allowedSources.length
        ? ` (allowed: ${policy.allowedSources.join(', ')}).`
        : ' (no source is allowed).'),
  )
}
