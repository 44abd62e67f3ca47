import type { SecretRef, SecretStore } from '../../src-main/core/secrets/secretStore'

/**
 * Secrets in memory, for suites whose subject is not the keychain (the MCP endpoint, policies,
 * trust): they run on every machine. Suites about the keychain itself use the real one
 * (test/support/keychain.ts describeWithKeychain).
 */
export class MemorySecretStore implements SecretStore {
  private readonly values = new Map<string, { ref: SecretRef; value: string }>()

  get(scope: string, name: string): Promise<string | null> {
    return Promise.resolve(this.values.get(`${scope}/${name}`)?.value ?? null)
  }

  set(scope: string, name: string, value: string): Promise<void> {
    this.values.set(`${scope}/${name}`, { ref: { scope, name }, value })
    return Promise.resolve()
  }

  delete(scope: string, name: string): Promise<boolean> {
    return Promise.resolve(this.values.delete(`${scope}/${name}`))
  }

  /** Sorted like the keychain store's list: by scope, then name. */
  list(scope?: string): Promise<SecretRef[]> {
    const refs = [...this.values.values()]
      .map((entry) => entry.ref)
      .filter((ref) => scope === undefined || ref.scope === scope)
      .sort((a, b) => a.scope.localeCompare(b.scope) || a.name.localeCompare(b.name))
    return Promise.resolve(refs)
  }

  check(): Promise<void> {
    return Promise.resolve()
  }
}
