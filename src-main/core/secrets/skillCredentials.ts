import { AppError } from '../base/appError'
import { type SecretStore, skillScope } from './secretStore'

/** The credential names the keychain holds under a skill's name (names only, never values). */
export async function storedSkillCredentials(secrets: SecretStore, skill: string): Promise<string[]> {
  return (await secrets.list(skillScope(skill))).map((ref) => ref.name)
}

/**
 * Deletes every credential kept under a removed skill's name, so that a later, unrelated skill of
 * the same name does not inherit them. Returns the names deleted; when the keychain cannot be used,
 * a warning saying what is left behind and how to delete it.
 */
export async function forgetSkillCredentials(
  secrets: SecretStore,
  skill: string,
): Promise<{ credentialsRemoved: string[]; warning?: string }> {
  const removed: string[] = []
  try {
    for (const name of await storedSkillCredentials(secrets, skill)) {
      if (await secrets.delete(skillScope(skill), name)) removed.push(name)
    }
    return { credentialsRemoved: removed }
  } catch (err) {
    return {
      credentialsRemoved: removed,
      warning: `The credentials of ${skill} could not be deleted from the OS keychain (${AppError.from(err).message}). Delete them with \`skilldock secrets delete ${skill} <NAME>\` once the keychain works, before adding another skill named ${skill}.`,
    }
  }
}

/**
 * `storedSkillCredentials` for the approval inbox, which asks once per skill: inside `batch(fn)`
 * (the assessments of one install batch) the keychain is listed once and every skill's names are
 * read from that listing, instead of one keychain round trip per skill (seconds over thousands).
 * Outside a batch every call reads the keychain afresh.
 */
export function credentialNames(secrets: SecretStore): {
  of: (skill: string) => Promise<string[]>
  batch: <T>(fn: () => Promise<T>) => Promise<T>
} {
  let listing: Promise<Map<string, string[]>> | null = null
  let depth = 0
  const listAll = async () => {
    const byScope = new Map<string, string[]>()
    for (const ref of await secrets.list())
      byScope.set(ref.scope, [...(byScope.get(ref.scope) ?? []), ref.name])
    return byScope
  }
  return {
    async of(skill) {
      if (depth === 0) return storedSkillCredentials(secrets, skill)
      listing ??= listAll()
      // A failed listing fails each lookup, as a failed per-skill list did; the next batch lists again.
      return [...((await listing).get(skillScope(skill)) ?? [])]
    },
    async batch(fn) {
      depth++
      try {
        return await fn()
      } finally {
        if (--depth === 0) listing = null
      }
    },
  }
}
