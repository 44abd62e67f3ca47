import { createHash } from 'node:crypto'
import type { ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'
import type { Logger } from '../base/logger'

/** What MCP clients accept as a tool name (the strictest common rule). */
export const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/
const SEPARATOR = '__'
/** How much of a cleaned name too long for a client is kept before its hash. */
const KEPT = 55

/** Every character a client may not have in a tool name becomes `_`. */
const cleanName = (name: string): string => name.replace(/[^a-zA-Z0-9_-]/g, '_')

/**
 * `<skill>__<tool>` within the client limits: other characters become `_`; a name too long is cut
 * and given a short hash of the full name, so different long names stay different.
 */
export function directToolName(skill: string, tool: string): string {
  const full = `${skill}${SEPARATOR}${tool}`
  const clean = cleanName(full)
  if (clean.length <= 64) return clean
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8)
  return `${clean.slice(0, KEPT)}_${hash}`
}

/** Whether some tool of `skill` could get the direct name `name` (every one starts with this prefix). */
export function skillMayClaim(skill: string, name: string): boolean {
  return name.startsWith(cleanName(`${skill}${SEPARATOR}`).slice(0, KEPT))
}

export interface DirectTool {
  /** The name the client sees. */
  name: string
  skill: string
  tool: ToolInfo
}

export interface DirectToolTable {
  tools: Map<string, DirectTool>
  /** Names two or more skill tools (or a catalog tool) map to: none of them is exposed. */
  collisions: { name: string; claimants: string[] }[]
  /** Skills in the list with no recorded tools yet (their server never ran). */
  cold?: string[]
}

/**
 * The direct-mode tools of the given skills. A name claimed twice is refused for every claimant
 * rather than letting one shadow the other; catalog tool names are reserved.
 */
export function directToolTable(
  skills: readonly { name: string; tools: readonly ToolInfo[] }[],
  reserved: ReadonlySet<string>,
): DirectToolTable {
  const claims = new Map<string, DirectTool[]>()
  for (const skill of skills) {
    for (const tool of skill.tools) {
      const name = directToolName(skill.name, tool.name)
      const list = claims.get(name) ?? []
      list.push({ name, skill: skill.name, tool })
      claims.set(name, list)
    }
  }
  const tools = new Map<string, DirectTool>()
  const collisions: DirectToolTable['collisions'] = []
  for (const [name, list] of claims) {
    const only = list[0]
    if (list.length === 1 && only && !reserved.has(name)) tools.set(name, only)
    else {
      const claimants = list.map((c) => `${c.skill}/${c.tool.name}`)
      collisions.push({ name, claimants: reserved.has(name) ? [...claimants, 'SkillDock'] : claimants })
    }
  }
  return { tools, collisions }
}

/** Tables already built, by the list of skills they were built from (garbage-collected with it). */
const tablesByList = new WeakMap<readonly object[], DirectToolTable>()

/**
 * The table built from `skills` by `build`, built once per list: `SkillExposure.reachable` hands
 * out the same list until a database write (a tool list cached too), a `skills.changed` or its
 * time limit, so a call does not rebuild the table of every reachable skill.
 */
export function tableForList(skills: readonly object[], build: () => DirectToolTable): DirectToolTable {
  let table = tablesByList.get(skills)
  if (!table) {
    table = build()
    tablesByList.set(skills, table)
  }
  return table
}

export interface ToolWarmerDeps {
  /** Starts the skill's server once to learn its tools (`runtime.tools(name, true)`). */
  refresh: (skill: string) => Promise<ToolInfo[]>
  logger: Logger
}

/**
 * Tool lists are recorded (in the database, for every process) from each skill server's last
 * handshake, at approval, `skilldock test` or any start, so a skill that never ran has none. Direct
 * mode asks the warmer to start such skills once, one at a time, and waits for the record before
 * answering; listeners hear when a list arrived (open sessions then send `tools/list_changed`).
 */
export class ToolWarmer {
  private readonly attempted = new Map<string, Promise<void>>()
  private readonly waiting = new Map<string, () => void>()
  private readonly queue: string[] = []
  private readonly listeners = new Set<(skill: string) => void>()
  private running = false
  private disposed = false

  constructor(private readonly deps: ToolWarmerDeps) {}

  onWarmed(listener: (skill: string) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Queues skills whose tools are unknown; each is tried once until `forget`. Resolves when every
   * one of them was tried (its tools recorded, or its start failed and was logged).
   */
  warm(skills: readonly string[]): Promise<void> {
    const tries: Promise<void>[] = []
    for (const skill of skills) {
      let tried = this.attempted.get(skill)
      if (!tried) {
        tried = new Promise<void>((resolve) => this.waiting.set(skill, resolve))
        this.attempted.set(skill, tried)
        this.queue.push(skill)
      }
      tries.push(tried)
    }
    if (!this.running) void this.drain()
    return Promise.all(tries).then(() => undefined)
  }

  /** Lets a skill be warmed again (after it changed or was re-enabled). */
  forget(skill: string): void {
    this.attempted.delete(skill)
  }

  dispose(): void {
    this.disposed = true
    this.queue.length = 0
    this.listeners.clear()
    for (const resolve of this.waiting.values()) resolve()
    this.waiting.clear()
  }

  private async drain(): Promise<void> {
    this.running = true
    try {
      for (
        let skill = this.queue.shift();
        skill !== undefined && !this.disposed;
        skill = this.queue.shift()
      ) {
        try {
          const tools = await this.deps.refresh(skill)
          if (tools.length > 0) for (const listener of [...this.listeners]) listener(skill)
        } catch (err) {
          this.deps.logger.log('warn', 'could not start a skill to learn its tools', {
            skill,
            error: AppError.from(err).message,
          })
        } finally {
          this.waiting.get(skill)?.()
          this.waiting.delete(skill)
        }
      }
    } finally {
      this.running = false
    }
  }
}
