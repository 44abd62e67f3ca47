import type { Handlers } from '../dispatch'
import { declaredCredentials } from '../runtime/credentials'
import { notFound, type SkillCatalog } from '../skills/catalog'
import { loadSkill } from '../skills/manifest'
import type { SkillRepository } from '../storage/skillRepository'
import type { SecretStore } from './secretStore'

type SecretRouteName = 'secrets.set' | 'secrets.list' | 'secrets.declared' | 'secrets.delete'

/** A skill's credentials, kept in the secret store under the scope `skill:<name>`; values never come back. */
export function createSecretsModule(deps: {
  secrets: SecretStore
  repo: SkillRepository
  catalog: SkillCatalog
}): { handlers: Pick<Handlers, SecretRouteName> } {
  const { secrets, repo, catalog } = deps
  const requireSkill = (name: string) => {
    if (repo.idOf(name) === null) throw notFound(name)
  }
  const handlers: Pick<Handlers, SecretRouteName> = {
    'secrets.set': async ({ skill, name, value }) => {
      requireSkill(skill)
      await secrets.set(`skill:${skill}`, name, value)
      return { skill, name }
    },
    'secrets.list': async ({ skill }) => {
      if (skill !== undefined) requireSkill(skill)
      const refs = await secrets.list(skill !== undefined ? `skill:${skill}` : undefined)
      return refs
        .filter((r) => r.scope.startsWith('skill:'))
        .map((r) => ({ skill: r.scope.slice('skill:'.length), name: r.name }))
    },
    'secrets.declared': async ({ skill }) => {
      const declared = declaredCredentials(loadSkill(catalog.get(skill).path).manifest)
      if (declared.length === 0) return []
      const stored = new Set((await secrets.list(`skill:${skill}`)).map((ref) => ref.name))
      return declared.map((need) => ({ ...need, stored: stored.has(need.name) }))
    },
    'secrets.delete': async ({ skill, name }) => ({ deleted: await secrets.delete(`skill:${skill}`, name) }),
  }
  return { handlers }
}
