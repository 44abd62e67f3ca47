import { randomBytes } from 'node:crypto'
import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring'
import { AppError } from '../base/appError'
import { SECRET_NAME, SECRET_SCOPE, type SecretRef, type SecretStore } from './secretStore'

export const DEFAULT_KEYCHAIN_SERVICE = 'SkillDock'
/** How long one keychain call may take before the keychain counts as unavailable. */
export const KEYCHAIN_TIMEOUT_MS = 5_000
/** The largest value stored, in UTF-8 bytes. */
export const MAX_SECRET_BYTES = 64 * 1024
const MAX_NAME_LENGTH = 128
const MAX_SCOPE_LENGTH = 100
/** check() writes, reads and deletes this account; list() skips it because it has no `/`. */
const CHECK_ACCOUNT = 'skilldock-check'

/**
 * On Linux, only the Secret Service: the library's silent fallback, the kernel keyring, is
 * in memory and forgets every secret at reboot. Ignored on macOS and Windows.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } }

export interface KeychainSecretStoreOptions {
  /** The keychain service every entry is filed under; tests pass a unique one. */
  service?: string
  /**
   * The data home's id (see homeSecrets.ts): entries are filed under `<service>/<homeId>`, so one
   * data home never sees, uses or deletes another's. Without it: the unscoped service of old versions.
   */
  homeId?: string
  /** The limit for one keychain call, in milliseconds. */
  timeoutMs?: number
}

type Operation = 'read' | 'store' | 'delete' | 'list' | 'check'
type Timed = <T>(call: (signal: AbortSignal) => Promise<T>) => Promise<T>

class KeychainTimeout extends Error {}

/**
 * SecretStore on the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on
 * Linux). Entries are `<service>[/<homeId>]` / `<scope>/<name>`. There is no fallback: when the keychain does
 * not work, every call rejects with SECRET_STORE_UNAVAILABLE and nothing is written anywhere else.
 */
export class KeychainSecretStore implements SecretStore {
  private readonly service: string
  private readonly timeoutMs: number
  /** Building an entry opens a D-Bus session synchronously on Linux (~10 ms), so entries are kept. */
  private readonly entries = new Map<string, AsyncEntry>()
  private reachable: Promise<void> | null = null

  constructor(options: KeychainSecretStoreOptions = {}) {
    const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE
    this.service = options.homeId === undefined ? service : `${service}/${options.homeId}`
    this.timeoutMs = options.timeoutMs ?? KEYCHAIN_TIMEOUT_MS
  }

  async get(scope: string, name: string): Promise<string | null> {
    const ref = checkRef(scope, name)
    return this.withEntry('read', ref, (entry, timed) => timed((signal) => entry.getPassword(signal)))
  }

  async set(scope: string, name: string, value: string): Promise<void> {
    const ref = checkRef(scope, name)
    checkValue(ref, value)
    await this.withEntry(
      'store',
      ref,
      (entry, timed) => timed((signal) => entry.setPassword(value, signal)),
      value,
    )
  }

  async delete(scope: string, name: string): Promise<boolean> {
    const ref = checkRef(scope, name)
    return this.withEntry('delete', ref, (entry, timed) => timed((signal) => entry.deletePassword(signal)))
  }

  async list(scope?: string): Promise<SecretRef[]> {
    if (scope !== undefined) checkScope(scope)
    let accounts: string[]
    try {
      const found = await withTimeout(this.timeoutMs, (signal) =>
        findCredentialsAsync(this.service, null, signal),
      )
      accounts = found.map((credential) => credential.account)
    } catch (err) {
      throw this.unavailable('list', null, err)
    }
    const refs = new Map<string, SecretRef>()
    for (const account of accounts) {
      const ref = parseAccount(account)
      if (ref && (scope === undefined || ref.scope === scope)) refs.set(account, ref)
    }
    return [...refs.values()].sort((a, b) => a.scope.localeCompare(b.scope) || a.name.localeCompare(b.name))
  }

  /** A real round trip: store, read back and delete a random value under a reserved account. */
  async check(): Promise<void> {
    const probe = randomBytes(16).toString('hex')
    await this.withEntry(
      'check',
      null,
      async (entry, timed) => {
        await timed((signal) => entry.setPassword(probe, signal))
        const read = await timed((signal) => entry.getPassword(signal))
        await timed((signal) => entry.deletePassword(signal))
        if (read !== probe) throw new Error('it returned a different value than was stored')
      },
      probe,
    )
  }

  /** Runs keychain work on the entry of `ref` (null: the check account); any failure means unavailable. */
  private async withEntry<T>(
    operation: Operation,
    ref: SecretRef | null,
    work: (entry: AsyncEntry, timed: Timed) => Promise<T>,
    value?: string,
  ): Promise<T> {
    const account = ref ? `${ref.scope}/${ref.name}` : CHECK_ACCOUNT
    try {
      await this.ensureReachable()
      return await work(this.entry(account), (call) => withTimeout(this.timeoutMs, call))
    } catch (err) {
      this.entries.delete(account)
      throw this.unavailable(operation, ref, err, value)
    }
  }

  private entry(account: string): AsyncEntry {
    let entry = this.entries.get(account)
    if (!entry) {
      entry = new AsyncEntry(this.service, account, ENTRY_OPTIONS)
      this.entries.set(account, entry)
    }
    return entry
  }

  /**
   * On Linux the entry constructor talks to D-Bus synchronously, and a bus that accepts but never
   * answers would freeze the process. An asynchronous search, bounded by the timeout, goes first.
   */
  private ensureReachable(): Promise<void> {
    if (process.platform !== 'linux' && process.platform !== 'freebsd') return Promise.resolve()
    this.reachable ??= withTimeout(this.timeoutMs, (signal) =>
      findCredentialsAsync(this.service, null, signal),
    ).then(
      () => undefined,
      (err: unknown) => {
        this.reachable = null
        throw err
      },
    )
    return this.reachable
  }

  private unavailable(operation: Operation, ref: SecretRef | null, err: unknown, value?: string): AppError {
    const timedOut = err instanceof KeychainTimeout
    const seconds = Math.round(this.timeoutMs / 100) / 10
    const reason = timedOut ? `it did not answer within ${seconds} s` : failureReason(err, value)
    const message = `${describeOperation(operation, ref)}: ${reason}. ${keychainAdvice(process.platform, timedOut)}`
    return new AppError('SECRET_STORE_UNAVAILABLE', message, {
      operation,
      ...(ref && { scope: ref.scope, name: ref.name }),
      reason,
      platform: process.platform,
    })
  }
}

/** The platform call, bounded: a native call that already started ignores its signal, the race does not. */
async function withTimeout<T>(ms: number, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const signal = AbortSignal.timeout(ms)
  const pending = Promise.resolve().then(() => call(signal))
  // A failure arriving after the timeout must not surface as an unhandled rejection.
  pending.catch(() => undefined)
  let onAbort = (): void => undefined
  const timedOut = new Promise<never>((_, reject) => {
    onAbort = () => reject(new KeychainTimeout())
    signal.addEventListener('abort', onAbort, { once: true })
  })
  try {
    return await Promise.race([pending, timedOut])
  } catch (err) {
    throw signal.aborted ? new KeychainTimeout() : err
  } finally {
    signal.removeEventListener('abort', onAbort)
  }
}

function describeOperation(operation: Operation, ref: SecretRef | null): string {
  const secret = ref ? `${ref.name} of ${ref.scope}` : ''
  switch (operation) {
    case 'read':
      return `Could not read ${secret} from the OS keychain`
    case 'store':
      return `Could not store ${secret} in the OS keychain`
    case 'delete':
      return `Could not delete ${secret} from the OS keychain`
    case 'list':
      return 'Could not list the secrets in the OS keychain'
    case 'check':
      return 'The OS keychain is not usable'
  }
}

/** The platform's own words, without the value (platform errors carry none; this makes sure). */
function failureReason(err: unknown, value: string | undefined): string {
  let text = (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').trim()
  if (value) text = text.split(value).join('[value]')
  if (text.length > 300) text = `${text.slice(0, 300)}…`
  return text === '' ? 'unknown keychain failure' : text
}

/** What to do about it, on this OS. */
export function keychainAdvice(platform: NodeJS.Platform, timedOut = false): string {
  const locked = timedOut ? 'It may be locked and waiting for a password. ' : ''
  switch (platform) {
    case 'darwin':
      return `${locked}SkillDock keeps secrets only in the macOS Keychain, never in files: unlock your login keychain (Keychain Access) and allow SkillDock when macOS asks.`
    case 'win32':
      return `${locked}SkillDock keeps secrets only in Windows Credential Manager, never in files: run SkillDock in your own signed-in user session (some service and remote accounts have no Credential Manager).`
    default:
      return (
        `${locked}SkillDock keeps secrets only in the OS keychain (Secret Service), never in files: ` +
        'start and unlock GNOME Keyring or KWallet in your desktop session. On a headless machine, run ' +
        "SkillDock inside a D-Bus session with an unlocked keyring: dbus-run-session -- bash -c 'gnome-keyring-daemon " +
        '--daemonize --unlock --components=secrets <<< "$KEYRING_PASSWORD" >/dev/null; skilldock …\'.'
      )
  }
}

function checkRef(scope: string, name: string): SecretRef {
  checkScope(scope)
  if (typeof name !== 'string' || name.length > MAX_NAME_LENGTH || !SECRET_NAME.test(name)) {
    // The rejected name is not repeated: a value pasted in the wrong place would be echoed.
    throw new AppError(
      'INVALID_INPUT',
      `A secret name must be an environment variable name of at most ${MAX_NAME_LENGTH} characters: letters, digits and "_", not starting with a digit (e.g. API_KEY).`,
    )
  }
  return { scope, name }
}

function checkScope(scope: string): void {
  if (typeof scope !== 'string' || scope.length > MAX_SCOPE_LENGTH || !SECRET_SCOPE.test(scope)) {
    const shown = typeof scope === 'string' ? JSON.stringify(scope.slice(0, 80)) : typeof scope
    throw new AppError(
      'INVALID_INPUT',
      `${shown} is not a secret scope. Use skill:<skill-name>, llm or client:<client-name> (lowercase letters, digits and "-").`,
    )
  }
}

function checkValue(ref: SecretRef, value: string): void {
  const secret = `${ref.name} of ${ref.scope}`
  if (typeof value !== 'string') throw new AppError('INVALID_INPUT', `The value for ${secret} must be text.`)
  if (value === '') {
    throw new AppError(
      'INVALID_INPUT',
      `The value for ${secret} is empty; nothing was stored. To remove a secret, delete it.`,
    )
  }
  const bytes = Buffer.byteLength(value, 'utf8')
  if (bytes > MAX_SECRET_BYTES) {
    const kib = Math.ceil(bytes / 1024)
    throw new AppError(
      'INVALID_INPUT',
      `The value for ${secret} is ${kib} KiB; the limit is ${MAX_SECRET_BYTES / 1024} KiB. Nothing was stored.`,
    )
  }
  if (value.includes('\0')) {
    throw new AppError(
      'INVALID_INPUT',
      `The value for ${secret} contains a NUL character, which an environment variable cannot hold. Nothing was stored.`,
    )
  }
}

function parseAccount(account: string): SecretRef | null {
  const slash = account.indexOf('/')
  if (slash < 0) return null
  const scope = account.slice(0, slash)
  const name = account.slice(slash + 1)
  return SECRET_SCOPE.test(scope) && SECRET_NAME.test(name) ? { scope, name } : null
}
