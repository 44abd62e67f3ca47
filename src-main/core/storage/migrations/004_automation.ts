import type { Migration } from './index'

/** Schema 4: schedules, the persistent job queue, webhooks. */
export const automation: Migration = {
  version: 4,
  name: 'automation',
  up() {},
}
