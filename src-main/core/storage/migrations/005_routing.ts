import type { Migration } from './index'

/** Schema 5: routing feedback. */
export const routing: Migration = {
  version: 5,
  name: 'routing',
  up() {},
}
