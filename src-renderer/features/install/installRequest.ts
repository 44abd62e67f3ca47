import type { Result } from '../../../src-main/contract'

/** A deep-link install request as the desktop shell sends it (event `desktop.installRequest`). */
export interface InstallRequest {
  source: string
  sourceKind: 'path' | 'url'
  path: string | null
}

export const INSTALL_REQUEST_EVENT = 'desktop.installRequest'
export const TAKE_INSTALL_REQUESTS_ROUTE = 'desktop.takeInstallRequests'

/** Accepts only a well-formed request; anything else from the bridge is ignored. */
export function asInstallRequest(value: unknown): InstallRequest | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  if (typeof v.source !== 'string' || v.source === '') return null
  if (v.sourceKind === 'path' && typeof v.path === 'string' && v.path !== '') {
    return { source: v.source, sourceKind: 'path', path: v.path }
  }
  if (v.sourceKind === 'url') return { source: v.source, sourceKind: 'url', path: null }
  return null
}

/** The route that installs a confirmed request: local folders by path, anything remote as a source. */
export function installCall(request: InstallRequest): { route: string; input: Record<string, string> } {
  return request.sourceKind === 'path' && request.path
    ? { route: 'skills.add', input: { path: request.path } }
    : { route: 'skills.addSource', input: { source: request.source } }
}

/** What the dialog says will happen, before the user confirms. */
export function describeInstall(request: InstallRequest): string {
  return request.sourceKind === 'path'
    ? 'The skills in this folder will be copied into your library, scanned, and sent to governance. Nothing runs until approved.'
    : 'SkillDock will download this source, copy its skills into your library, scan them, and send them to governance. Nothing runs until approved.'
}

/** The names of the skills a successful install added, for the confirmation line. */
export function addedNames(result: Result<unknown>): string[] {
  if (!result.ok) return []
  const skills = (result.data as { skills?: Array<{ name?: unknown }> } | null)?.skills ?? []
  return skills.map((s) => (typeof s.name === 'string' ? s.name : '')).filter(Boolean)
}
