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
