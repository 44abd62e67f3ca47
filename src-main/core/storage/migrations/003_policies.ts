import type { Migration } from './index'

/** Schema 3: call policies, roles and client permissions, pending call approvals, rate limits. */
export const policies: Migration = {
  version: 3,
  name: 'policies',
  up() {},
}
