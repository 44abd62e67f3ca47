import type { Migration } from './index'

/**
 * Schema 7: what a person should know before deciding a request that the scan does not show, as
 * JSON: credentials already in the keychain under the skill's name, an LLM review that failed open.
 */
export const approvalDetails: Migration = {
  version: 7,
  name: 'approval-details',
  up(db) {
    db.exec(`ALTER TABLE approvals ADD COLUMN details_json TEXT;`)
  },
}
