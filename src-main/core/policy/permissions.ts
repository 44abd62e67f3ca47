import { patternAllowsCall, patternAllowsSkill } from './patterns'
import type { PolicyRepository } from './policyRepository'

/**
 * What a client's role lets it see and call. A client without a role is not limited here (the
 * skills' own exposure still applies). Read from the database each time, so a role assigned by
 * another process (the CLI) takes effect at once.
 */
export class ClientPermissions {
  constructor(private readonly policies: PolicyRepository) {}

  /** A filter for skill names the client may see (at least one tool allowed), or null for no limit. */
  skillFilter(client: string): ((skill: string) => boolean) | null {
    const role = this.policies.roleOf(client)
    if (!role) return null
    return (skill) => role.allow.some((p) => patternAllowsSkill(p, skill))
  }

  /** Changes whenever a role or a client's role changes (the endpoint then re-announces its lists). */
  signature(): string {
    return JSON.stringify(this.policies.roles())
  }

  /** A filter for `skill/tool` pairs the client may call, or null for no limit. */
  toolFilter(client: string): ((skill: string, tool: string) => boolean) | null {
    const role = this.policies.roleOf(client)
    if (!role) return null
    return (skill, tool) => role.allow.some((p) => patternAllowsCall(p, skill, tool))
  }
}
