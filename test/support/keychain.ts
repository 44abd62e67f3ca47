import { randomUUID } from 'node:crypto'
import { describe, it } from 'vitest'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'

/** Under `bash test/support/with-keyring.sh` the keychain must work; elsewhere it is used when it answers. */
export const keychainReady =
  process.env.SKILLDOCK_KEYRING_READY === '1' ||
  (await new KeychainSecretStore({ service: `SkillDockTest-probe-${randomUUID()}` }).check().then(
    () => true,
    () => false,
  ))

/** On CI (`CI` set) the keychain suites must run: a missing keychain fails them instead of skipping. */
export const keychainRequired = Boolean(process.env.CI)

/**
 * Inside the throwaway keyring of `with-keyring.sh`: the only place a test may let SkillDock use the
 * app's own keychain service (`SkillDock`), as the CLI does when a test runs it as a whole.
 */
export const inTestKeyring = process.env.SKILLDOCK_KEYRING_READY === '1'

const MISSING =
  'The OS keychain is not available, and CI must run the keychain tests: run them under ' +
  '`bash test/support/with-keyring.sh` (Linux: dbus-run-session and gnome-keyring) or unlock the keychain.'

/**
 * `describe` for suites about the real OS keychain: run where it answers, skipped where it does
 * not, and failing on CI when it is missing (a skip there would hide that nothing was tested).
 */
export function describeWithKeychain(name: string, body: () => void): void {
  if (keychainReady) describe(name, body)
  else if (keychainRequired) describe(name, () => it('has the OS keychain', () => failMissing()))
  else describe.skip(name, body)
}

/** `describe` for suites that run the CLI as a whole against the keychain: test keyring only, failing on CI. */
export function describeInTestKeyring(name: string, body: () => void): void {
  if (inTestKeyring) describe(name, body)
  else if (keychainRequired) describe(name, () => it('runs inside the test keyring', () => failMissing()))
  else describe.skip(name, body)
}

/** `it` for one keychain test in a suite that otherwise runs everywhere; same rules as above. */
export function itWithKeychain(name: string, body: () => Promise<void> | void, timeout?: number): void {
  if (keychainReady) it(name, body, timeout)
  else if (keychainRequired) it(name, () => failMissing())
  else it.skip(name, body)
}

function failMissing(): never {
  throw new Error(MISSING)
}
