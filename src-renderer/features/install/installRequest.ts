import type { InstallRequest, RouteInput, RouteOutput } from '../../../src-main/contract'

export type { InstallRequest }

/** Accepts only a well-formed request; anything else from the bridge is ignored. */
export function asInstallRequest(value: unknown): InstallRequest | null {
  if (!value || typeof value !== 'object') return null
  const v = value as Record<string, unknown>
  if (typeof v.source !== 'string' || v.source === '') return null
  if (v.sourceKind === 'path' && typeof v.path === 'string' && v.path !== '') {
    return { kind: 'install', source: v.source, sourceKind: 'path', path: v.path }
  }
  if (v.sourceKind === 'url') return { kind: 'install', source: v.source, sourceKind: 'url', path: null }
  return null
}

/** A route call that installs a confirmed request. */
export type InstallCall =
  | { route: 'skills.add'; input: RouteInput<'skills.add'> }
  | { route: 'skills.addSource'; input: RouteInput<'skills.addSource'> }

/** The route that installs a confirmed request: local folders by path, anything remote as a source. */
export function installCall(request: InstallRequest): InstallCall {
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
export function addedNames(output: RouteOutput<InstallCall['route']>): string[] {
  return output.skills.map((s) => s.name).filter(Boolean)
}
