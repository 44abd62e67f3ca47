import type { CliContext } from '../context'

/**
 * States in which a skill in the library is not served (CLI `run`, MCP) until a person approves a
 * request: `pending` (new) and `changed` (its files were replaced by an update or an edit).
 */
const HELD_STATES = new Set(['pending', 'changed'])

/** Whether a skill in this state waits for approval and is out of service meanwhile. */
export function isHeld(state: string | null): boolean {
  return state !== null && HELD_STATES.has(state)
}

/**
 * The pending request of each named skill, looked up only when one of them is held (an update or
 * install that went through governance says nothing about which request it made).
 */
export async function pendingRequestIds(
  ctx: CliContext,
  skills: { name: string; state: string | null }[],
): Promise<Map<string, string>> {
  const ids = new Map<string, string>()
  if (!skills.some((s) => isHeld(s.state))) return ids
  const pending = await ctx.call('approvals.list', { status: 'pending', limit: 1000 })
  // Newest first: the first request of a skill is the one its current files wait on.
  for (const a of pending) if (!ids.has(a.skill)) ids.set(a.skill, a.id)
  return ids
}

/**
 * What a person must know about a held skill: it is not served until approved, and how to approve.
 * `what` is "the update" for replaced files, "it" for a new skill.
 */
export function heldNote(name: string, state: string | null, ids: Map<string, string>): string {
  const what = state === 'changed' ? 'the update is' : 'it is'
  const id = ids.get(name)
  const how = id ? `skilldock approve ${id}` : 'skilldock approvals, then skilldock approve <id>'
  return `${name} is held (not served to CLI or MCP clients) until ${what} approved: ${how}`
}
