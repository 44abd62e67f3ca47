/** Where a secret lives: its scope (`skill:<name>`, `llm`, `client:<name>`) and its name (`API_KEY`). */
export interface SecretRef {
  scope: string
  name: string
}

/** Secrets live only in the OS keychain. Scopes: `skill:<name>`, `llm`, `client:<name>`. */
export interface SecretStore {
  /** The stored value, or null when there is none. */
  get(scope: string, name: string): Promise<string | null>
  /** Stores or replaces a value. */
  set(scope: string, name: string, value: string): Promise<void>
  /** Removes a secret; false when it did not exist. */
  delete(scope: string, name: string): Promise<boolean>
  /** Names only, never values; every scope when none is given. */
  list(scope?: string): Promise<SecretRef[]>
  /** Resolves when the keychain works; rejects with AppError SECRET_STORE_UNAVAILABLE saying what to do. */
  check(): Promise<void>
}

/** A secret name is an environment variable name, because skill credentials become one. */
export const SECRET_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** `llm`, or a kind and a lowercase id: `skill:my-skill`, `client:cursor`. */
export const SECRET_SCOPE = /^[a-z]+(:[a-z0-9][a-z0-9-]*)?$/

/** The scope holding a skill's own credentials. */
export function skillScope(skillName: string): string {
  return `skill:${skillName}`
}
