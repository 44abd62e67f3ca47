import { AppError } from '../base/appError'
import { SECRET_NAME, skillScope, type SecretStore } from '../secrets/secretStore'
import type { SkillManifest } from '../skills/manifest'

/** A credential a skill declares: the environment variable it reads, and whether it cannot run without it. */
export interface CredentialNeed {
  name: string
  required: boolean
  description: string
}

/**
 * Declared credentials: metadata.skilldock.credentials, plus OpenClaw requires.env (required) and
 * primaryEnv (required), de-duplicated by name. A name declared twice is required when any
 * declaration says so, and keeps the first non-empty description.
 */
export function declaredCredentials(
  manifest: Pick<SkillManifest, 'credentials' | 'requires' | 'primaryEnv'>,
): CredentialNeed[] {
  const declared: CredentialNeed[] = [
    ...manifest.credentials.map(({ name, required, description }) => ({ name, required, description })),
    ...manifest.requires.env.map((name) => ({ name, required: true, description: '' })),
    ...(manifest.primaryEnv === null ? [] : [{ name: manifest.primaryEnv, required: true, description: '' }]),
  ]
  const byName = new Map<string, CredentialNeed>()
  for (const need of declared) {
    const seen = byName.get(need.name)
    if (!seen) byName.set(need.name, { ...need })
    else {
      seen.required ||= need.required
      if (seen.description === '') seen.description = need.description
    }
  }
  return [...byName.values()]
}

/**
 * Reads the skill's declared credentials from the store (scope `skill:<name>`). A missing required
 * one → AppError('SKILL_START_FAILED', `<skill> needs the credential API_KEY (<description>). Set it
 * with: skilldock secrets set <skill> API_KEY`). Missing optional ones are left out. When the store
 * is unavailable and nothing is declared, the store is never touched; when something is declared,
 * its SECRET_STORE_UNAVAILABLE error is passed on, optional credentials included, so a stored key
 * is never silently dropped.
 */
export async function resolveCredentials(
  skillName: string,
  needs: CredentialNeed[],
  store: SecretStore,
): Promise<Record<string, string>> {
  if (needs.length === 0) return {}
  const scope = skillScope(skillName)
  const resolved: Record<string, string> = {}
  const missing: CredentialNeed[] = []
  for (const need of needs) {
    if (!SECRET_NAME.test(need.name)) {
      throw new AppError(
        'INVALID_SKILL',
        `${skillName} declares the credential ${JSON.stringify(need.name.slice(0, 80))}, which is not an environment variable name. Fix its SKILL.md.`,
        { skill: skillName, credential: need.name },
      )
    }
    const value = await store.get(scope, need.name)
    if (value !== null) resolved[need.name] = value
    else if (need.required) missing.push(need)
  }
  if (missing.length > 0) throw missingCredentials(skillName, missing)
  return resolved
}

function missingCredentials(skillName: string, missing: CredentialNeed[]): AppError {
  const described = missing.map((need) =>
    need.description ? `${need.name} (${need.description})` : need.name,
  )
  const commands = missing.map((need) => `skilldock secrets set ${skillName} ${need.name}`)
  const message =
    missing.length === 1
      ? `${skillName} needs the credential ${described[0]}. Set it with: ${commands[0]}`
      : `${skillName} needs the credentials ${described.join(', ')}. Set them with: ${commands.join(' ; ')}`
  return new AppError('SKILL_START_FAILED', message, {
    skill: skillName,
    missing: missing.map((need) => need.name),
  })
}
