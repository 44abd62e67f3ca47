import type { RepoInfo } from '../../../../../src-main/contract'

/** A source as `repos.list` returns it, with what a test needs overridden. */
export function makeRepo(overrides: Partial<RepoInfo> & { name: string }): RepoInfo {
  return {
    id: 1,
    type: 'local',
    url: `/srv/${overrides.name}`,
    ref: null,
    autoSyncMinutes: null,
    allowLocal: false,
    lastSyncAt: null,
    lastStatus: null,
    lastError: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  }
}
