import {
  type CallToolResult,
  McpServer,
  ProtocolError,
  ProtocolErrorCode,
  type Server,
  type ServerContext,
  type Tool,
} from '@modelcontextprotocol/server'
import type { SkillSummary } from '../../contract/models'
import { AppError } from '../base/appError'
import type { Logger } from '../base/logger'
import {
  asMcpRateLimit,
  CATALOG_TOOL_NAMES,
  CATALOG_TOOLS,
  callCatalogTool,
  deprecatedResult,
  errorResult,
  type ToolContext,
} from './catalogTools'
import {
  type DirectTool,
  type DirectToolTable,
  directToolTable,
  skillMayClaim,
  tableForList,
  type ToolWarmer,
} from './directTools'
import { CACHE_FIELDS, skillsExtensionFor } from './skillResources'

export interface SessionDeps extends ToolContext {
  warmer: ToolWarmer
  logger: Logger
  version: string
}

const INSTRUCTIONS = [
  'SkillDock serves the Agent Skills its user approved on this machine.',
  'To do a task: skills_search finds skills, skill_read loads one (its instructions, files and tools),',
  'skill_read_file reads a file of it, skill_call runs one of its tools.',
  'When no skill fits, skill_request records what is missing for the user to review.',
  'Skills are also resources (skill://<name>/SKILL.md, listed by skills/list) and prompts.',
].join(' ')

/**
 * One MCP server for one session (2025 era) or one request (2026-07-28) of one client: never shared
 * between sessions or clients. Resources and the skills methods (SEP-2640) are the SDK's Skills
 * extension over this client's view; tools and prompts are SkillDock's own handlers.
 */
export function createSessionServer(deps: SessionDeps): Server {
  // An McpServer only because the extension attaches to one; SkillDock's handlers go on its Server.
  const mcp = new McpServer(
    { name: 'skilldock', title: 'SkillDock', version: deps.version },
    {
      capabilities: { resources: { listChanged: true } },
      instructions: INSTRUCTIONS,
      // 2026-07-28 lists carry these hints; a change is announced (list_changed), so the client's
      // cached list is dropped then. Private: what a client sees depends on who it is.
      cacheHints: {
        'tools/list': CACHE_FIELDS,
        'prompts/list': CACHE_FIELDS,
        'resources/list': CACHE_FIELDS,
        'resources/templates/list': CACHE_FIELDS,
      },
    },
  )
  const server = mcp.server
  server.registerCapabilities({ tools: { listChanged: true }, prompts: { listChanged: true } })
  skillsExtensionFor(deps).attach(mcp)
  registerTools(server, deps)
  registerPrompts(server, deps)
  return server
}

/**
 * Direct mode: the recorded tools of every visible skill. A skill whose server never ran has no
 * record yet: it is started once (for every client and process after it) and the listing waits for
 * its record, so even the very first request lists every eligible skill's tools.
 */
async function directTable(
  deps: SessionDeps,
  visible: readonly SkillSummary[] = deps.exposure.reachable(deps.client),
): Promise<DirectToolTable> {
  // Built over every reachable skill (before the client's role applies), so a role never changes
  // which name a tool gets; tools/list then leaves out what the role forbids.
  const table = tableForList(visible, () => buildDirectTable(deps, visible))
  if (!table.cold?.length) return table
  await deps.warmer.warm(table.cold)
  // The records are database writes: the exposure hands out a fresh list (a skill whose start
  // failed stays cold and is not tried again until it changes).
  const fresh = deps.exposure.reachable(deps.client)
  return tableForList(fresh, () => buildDirectTable(deps, fresh))
}

/**
 * The direct tool a call names. Skills that never ran (no recorded tools) are started first only
 * when one of them could claim that name, so a call to a known tool does not wait for every other
 * never-started skill to start (the listing still does); an unknown name starts them all.
 */
async function directToolFor(
  deps: SessionDeps,
  visible: readonly SkillSummary[],
  name: string,
): Promise<DirectTool | undefined> {
  const table = tableForList(visible, () => buildDirectTable(deps, visible))
  const known = table.tools.get(name)
  if (known && !table.cold?.some((skill) => skillMayClaim(skill, name))) return known
  return (await directTable(deps, visible)).tools.get(name)
}

function buildDirectTable(deps: SessionDeps, visible: readonly SkillSummary[]): DirectToolTable {
  const skills = visible.filter((s) => s.hasServer)
  const cached = deps.runtime.cachedTools(skills.map((s) => s.name))
  const withTools = skills
    .filter((s) => cached.has(s.name))
    .map((s) => ({ name: s.name, tools: cached.get(s.name) ?? [] }))
  const cold = withTools.filter((s) => s.tools.length === 0).map((s) => s.name)
  const table = directToolTable(withTools, CATALOG_TOOL_NAMES)
  for (const c of table.collisions) {
    deps.logger.log('warn', 'direct-mode tool name collision; none of the claimants is exposed', { ...c })
  }
  return { ...table, cold }
}

/** A direct-mode tool table's entries as `tools/list` shows them, kept as long as the table is. */
const listedTools = new WeakMap<DirectToolTable, Tool[]>()

function listedTool(d: DirectTool): Tool {
  return {
    name: d.name,
    title: `${d.skill}: ${d.tool.name}`,
    description: `[${d.skill}] ${d.tool.description}`.trim(),
    inputSchema: { ...d.tool.inputSchema, type: 'object' },
  }
}

function registerTools(server: Server, deps: SessionDeps): void {
  server.setRequestHandler('tools/list', async () => {
    const tools: Tool[] = [...CATALOG_TOOLS]
    if (deps.client.mode === 'direct') {
      // The client's role is read once per listing, not once per tool.
      const allowed = deps.exposure.toolFilter(deps.client)
      const table = await directTable(deps)
      if (allowed) {
        for (const d of table.tools.values()) if (allowed(d.skill, d.tool.name)) tools.push(listedTool(d))
      } else {
        // Without a role every client of the table lists the same tools: built once per table.
        let listed = listedTools.get(table)
        if (!listed) listedTools.set(table, (listed = [...table.tools.values()].map(listedTool)))
        tools.push(...listed)
      }
    }
    return { tools }
  })

  server.setRequestHandler('tools/call', async (request, ctx): Promise<CallToolResult> => {
    const { name } = request.params
    const args = request.params.arguments ?? {}
    const waiting = waitingReporter(request.params._meta?.progressToken, ctx)
    const catalog = await callCatalogTool(deps, name, args, waiting)
    if (catalog) return catalog
    // One visibility pass serves both the tool table and the skill's summary; the call pipeline
    // refuses (and audits) what the client's role forbids.
    const visible = deps.client.mode === 'direct' ? deps.exposure.reachable(deps.client) : []
    const direct = deps.client.mode === 'direct' ? await directToolFor(deps, visible, name) : undefined
    if (!direct) {
      // `<skill>__<tool>` of a skill deprecated since the client listed it: name its replacement.
      const deprecated =
        deps.client.mode === 'direct' ? deprecatedResult(deps, name.split('__')[0] ?? '') : null
      if (deprecated) return deprecated
      deps.onUnknownTool?.(name, deps.client.name, args)
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `Unknown tool: ${name}`)
    }
    const skill = visible.find((s) => s.name === direct.skill) ?? null
    if (!skill) return errorResult(`${direct.skill} is no longer available.`)
    try {
      return (await deps.calls.call({
        skill: direct.skill,
        tool: direct.tool.name,
        args,
        client: deps.client.name,
        origin: 'mcp',
        ...waiting,
      })) as CallToolResult
    } catch (err) {
      const limited = asMcpRateLimit(err)
      if (limited instanceof ProtocolError) throw limited
      if (err instanceof AppError) return errorResult(err.message)
      throw err
    }
  })
}

/**
 * A call held for approval may wait minutes: it ends when the client cancels the request, and
 * reports progress (when the client asked for it) so the client's request timeout restarts.
 */
function waitingReporter(
  progressToken: string | number | undefined,
  ctx: ServerContext,
): { signal: AbortSignal; onWaiting?: (message: string) => void } {
  const { signal } = ctx.mcpReq
  if (progressToken === undefined) return { signal }
  let progress = 0
  return {
    signal,
    onWaiting: (message) => {
      progress += 1
      ctx.mcpReq
        .notify({ method: 'notifications/progress', params: { progressToken, progress, message } })
        .catch(() => undefined)
    },
  }
}

function registerPrompts(server: Server, deps: SessionDeps): void {
  server.setRequestHandler('prompts/list', () => ({
    prompts: deps.exposure.visible(deps.client).map((s) => ({
      name: s.name,
      title: s.name,
      description: s.description,
      arguments: [{ name: 'task', description: 'What to do with the skill (optional)', required: false }],
    })),
  }))
  server.setRequestHandler('prompts/get', (request) => {
    const detail = deps.exposure.detail(deps.client, request.params.name)
    if (!detail)
      throw new ProtocolError(ProtocolErrorCode.InvalidParams, `No prompt named "${request.params.name}".`)
    const task = request.params.arguments?.task?.trim()
    const text =
      `Use the "${detail.name}" skill. Its instructions follow.\n\n${detail.instructions.trim()}` +
      (task ? `\n\nTask: ${task}` : '')
    return {
      description: detail.description,
      messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }],
    }
  })
}
