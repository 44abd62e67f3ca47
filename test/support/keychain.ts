import { randomUUID } from 'node:crypto'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'

/** Under `bash test/support/with-keyring.sh` the keychain must work; elsewhere it is used when it answers. */
export const keychainReady =
  process.env.SKILLDOCK_KEYRING_READY === '1' ||
  (await new KeychainSecretStore({ service: `SkillDockTest-probe-${randomUUID()}` }).check().then(
    () => true,
    () => false,
  ))
