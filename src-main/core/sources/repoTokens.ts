import { createHash } from 'node:crypto'
import type { RepoInfo } from '../../contract/sources'
import { AppError } from '../base/appError'
import type { SecretStore } from '../secrets/secretStore'
import type { Lockfile } from './lockfile'
import { kindOf } from './kinds'
import { PROXY_TOKEN_CREDENTIAL } from './mcpToolProxy'
import type { FetchMeta } from './sourceSpec'

/**
 * The keychain scope of a repo's secrets. Scopes allow lowercase letters, digits and "-"; repo names
 * also allow capitals, "." and "_", so those names get a hash suffix and never collide.
 */
export function repoSecretScope(name: string): string {
  if (/^[a-z0-9][a-z0-9-]*$/.test(name)) return `repo:${name}`
  const clean = name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 12)
  return `repo:${clean ? `${clean}-` : ''}${hash}`
}

/**
 * Bearer tokens of sources whose kind takes one (`SourceKind.takesToken`: today an `mcp` server over
 * HTTP), kept in the keychain under scope `repo:<name>`, name `token`, and copied to the skills
 * SkillDock generated to proxy that server's tools.
 */
export class RepoTokens {
  constructor(
    private readonly deps: {
      secrets?: SecretStore
      lockfile: Lockfile
      readMeta: (repo: RepoInfo) => FetchMeta
    },
  ) {}

  /** The stored token of a source, or null. */
  async get(repo: string): Promise<string | null> {
    return (await this.deps.secrets?.get(repoSecretScope(repo), 'token')) ?? null
  }

  /** Deletes a removed source's token; a keychain failure does not stop the removal. */
  async forget(repo: string): Promise<void> {
    await this.deps.secrets?.delete(repoSecretScope(repo), 'token').catch(() => false)
  }

  /**
   * Stores the bearer token of a source whose kind takes one for its URL (`takesToken`) in the
   * keychain (null deletes it) and hands it to the skills SkillDock generated to proxy its tools.
   */
  async set(repo: RepoInfo, token: string | null): Promise<{ name: string; stored: boolean }> {
    const name = repo.name
    if (!kindOf(repo).takesToken(repo.url)) {
      throw new AppError(
        'INVALID_INPUT',
        `${name} is not an MCP source over HTTP; only those send a bearer token.`,
      )
    }
    const secrets = this.deps.secrets
    if (!secrets)
      throw new AppError('SECRET_STORE_UNAVAILABLE', 'No keychain is available to keep the token.')
    if (token === null) await secrets.delete(repoSecretScope(name), 'token')
    else await secrets.set(repoSecretScope(name), 'token', token)
    const proxied = Object.entries(this.deps.lockfile.read().skills)
      .filter(([, e]) => e.source === name && e.sourceType === repo.type)
      .map(([skill]) => skill)
      .filter((skill) => this.deps.readMeta(repo).proxied?.includes(skill))
    await this.share(name, proxied)
    return { name, stored: token !== null }
  }

  /** Copies the repo's token into the declared credential of its proxy skills (or removes it). */
  async share(repo: string, skills: string[]): Promise<void> {
    const secrets = this.deps.secrets
    if (!secrets || skills.length === 0) return
    const token = await secrets.get(repoSecretScope(repo), 'token')
    for (const skill of skills) {
      if (token === null) await secrets.delete(`skill:${skill}`, PROXY_TOKEN_CREDENTIAL)
      else await secrets.set(`skill:${skill}`, PROXY_TOKEN_CREDENTIAL, token)
    }
  }
}
