import { type CallToolResult, ProtocolError, type Tool } from '@modelcontextprotocol/server'
import { z } from 'zod'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CallPipeline, CallRequest } from '../policy'
import type { SkillRuntime } from '../runtime/skillRuntime'
import type { SkillCatalog } from '../skills/catalog'
import type { GapRepository } from '../storage/gapRepository'
import type { ClientIdentity } from './clients'
import { RATE_LIMITED, type SkillExposure } from './exposure'
import { asText, mimeTypeOf, safeRelativePath, type SkillFileStore, skillUri } from './skillFiles'

/** The largest file `skill_read_file` returns; bigger ones are read with resources/read. */
export const MAX_TOOL_FILE_BYTES = 1024 * 1024

export interface ToolContext {
  client: ClientIdentity
  exposure: SkillExposure
  catalog: SkillCatalog
  runtime: SkillRuntime
  /** Every tool call goes through it, with origin `mcp` and the client's name. */
  calls: CallPipeline
  gaps: GapRepository
  files: SkillFileStore
  clock: Clock
  /** Records a capability gap when a client calls a tool nobody serves (the generator acts on it). */
  onUnknownTool?: (tool: string, client: string, args: unknown) => void
}

const str = (description: string, extra: Record<string, unknown> = {}) => ({
  type: 'string',
  description,
  ...extra,
})

/** The tools every client sees (catalog mode): progressive disclosure of the skills. */
export const CATALOG_TOOLS: Tool[] = [
  {
    name: 'skills_search',
    title: 'Search skills',
    description:
      'Find skills for a task. Returns matching skills (name, description, relevance score), best first. ' +
      'Then load one with skill_read.',
    inputSchema: {
      type: 'object',
      properties: {
        query: str('What you need to do, in plain words', { minLength: 1, maxLength: 500 }),
        limit: { type: 'integer', minimum: 1, maximum: 50, description: 'At most this many results (10)' },
      },
      required: ['query'],
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'skill_read',
    title: 'Read a skill',
    description:
      "Load a skill's instructions (its SKILL.md) and the list of its files and tools. Follow the instructions; " +
      'read files on demand with skill_read_file and run tools with skill_call.',
    inputSchema: {
      type: 'object',
      properties: { name: str('Skill name, as skills_search returned it') },
      required: ['name'],
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'skill_read_file',
    title: 'Read a file of a skill',
    description:
      'Read one file of a skill (e.g. references/GUIDE.md, scripts/run.py, assets/template.txt), by its path ' +
      'relative to the skill folder as skill_read listed it.',
    inputSchema: {
      type: 'object',
      properties: { name: str('Skill name'), path: str('Path inside the skill, e.g. references/GUIDE.md') },
      required: ['name', 'path'],
    },
    annotations: { readOnlyHint: true, openWorldHint: false },
  },
  {
    name: 'skill_call',
    title: 'Call a skill tool',
    description:
      "Run one of a skill's tools (skill_read lists them) with its arguments; returns the tool's result.",
    inputSchema: {
      type: 'object',
      properties: {
        skill: str('Skill name'),
        tool: str('Tool name'),
        arguments: { type: 'object', description: "The tool's arguments", additionalProperties: true },
      },
      required: ['skill', 'tool'],
    },
    annotations: { openWorldHint: true },
  },
  {
    name: 'skill_request',
    title: 'Request a missing capability',
    description:
      'When no skill does what you need, record the missing capability for the user to review. This only ' +
      'records the request; it installs and approves nothing.',
    inputSchema: {
      type: 'object',
      properties: {
        capability: str('The missing capability, e.g. "convert HEIC images to PNG"', {
          minLength: 3,
          maxLength: 300,
        }),
        context: str('Why you need it and what you were doing (no secrets)', { maxLength: 4000 }),
      },
      required: ['capability'],
    },
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
]

export const CATALOG_TOOL_NAMES: ReadonlySet<string> = new Set(CATALOG_TOOLS.map((t) => t.name))

const inputs = {
  skills_search: z.object({
    query: z.string().trim().min(1).max(500),
    limit: z.number().int().min(1).max(50).optional(),
  }),
  skill_read: z.object({ name: z.string().min(1).max(200) }),
  skill_read_file: z.object({ name: z.string().min(1).max(200), path: z.string().min(1).max(1024) }),
  skill_call: z.object({
    skill: z.string().min(1).max(200),
    tool: z.string().min(1).max(200),
    arguments: z.record(z.string(), z.unknown()).optional(),
  }),
  skill_request: z.object({
    capability: z.string().trim().min(3).max(300),
    context: z.string().max(4000).optional(),
  }),
}

export const textResult = (text: string, structured?: Record<string, unknown>): CallToolResult => ({
  content: [{ type: 'text', text }],
  ...(structured && { structuredContent: structured }),
})
export const errorResult = (text: string): CallToolResult => ({
  content: [{ type: 'text', text }],
  isError: true,
})
const unknownSkill = (name: string): CallToolResult =>
  errorResult(`No skill named "${name}" is available. Use skills_search to find one.`)

/** Runs a catalog tool; null when `name` is not one. Failures become `isError` results the model can read. */
export async function callCatalogTool(
  ctx: ToolContext,
  name: string,
  args: Record<string, unknown>,
  waiting: Pick<CallRequest, 'signal' | 'onWaiting'> = {},
): Promise<CallToolResult | null> {
  if (!CATALOG_TOOL_NAMES.has(name)) return null
  const schema = inputs[name as keyof typeof inputs]
  const parsed = schema.safeParse(args)
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'}: ${i.message}`)
    return errorResult(`Invalid arguments for ${name}: ${issues.join('; ')}`)
  }
  try {
    switch (name) {
      case 'skills_search':
        return search(ctx, parsed.data as z.infer<typeof inputs.skills_search>)
      case 'skill_read':
        return await read(ctx, (parsed.data as z.infer<typeof inputs.skill_read>).name)
      case 'skill_read_file':
        return await readFile(ctx, parsed.data as z.infer<typeof inputs.skill_read_file>)
      case 'skill_call':
        return await call(ctx, parsed.data as z.infer<typeof inputs.skill_call>, waiting)
      default:
        return request(ctx, parsed.data as z.infer<typeof inputs.skill_request>)
    }
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    return errorResult(err.message)
  }
}

function search(ctx: ToolContext, input: z.infer<typeof inputs.skills_search>): CallToolResult {
  const visible = new Set(ctx.exposure.visible(ctx.client).map((s) => s.name))
  const results = ctx.catalog
    .search(input.query, 200)
    .filter((hit) => visible.has(hit.name))
    .slice(0, input.limit ?? 10)
  const text =
    results.length === 0
      ? `No skill matches "${input.query}". If you need this capability, record it with skill_request.`
      : results.map((r) => `- ${r.name} (score ${r.score}): ${r.description}`).join('\n') +
        '\n\nLoad a skill with skill_read before using it.'
  return textResult(text, { results })
}

async function read(ctx: ToolContext, name: string): Promise<CallToolResult> {
  const detail = ctx.exposure.detail(ctx.client, name)
  if (!detail) return unknownSkill(name)
  const allowed = (tool: string) => ctx.exposure.toolAllowed(ctx.client, name, tool)
  const tools = (detail.hasServer ? await ctx.runtime.tools(name) : []).filter((t) => allowed(t.name))
  const toolNames = tools.length > 0 ? tools.map((t) => t.name) : detail.declaredTools.filter(allowed)
  const files = detail.files.map((f) => `- ${f.path} (${f.size} bytes)`).join('\n')
  const sections = [
    `# Skill: ${detail.name}`,
    detail.description,
    detail.instructions.trim(),
    `## Files (read with skill_read_file)\n${files}`,
  ]
  if (detail.hasServer && toolNames.length > 0) {
    const list =
      tools.length > 0 ? tools.map((t) => `- ${t.name}: ${t.description}`) : toolNames.map((t) => `- ${t}`)
    sections.push(`## Tools (run with skill_call, skill "${name}")\n${list.join('\n')}`)
  }
  return textResult(sections.join('\n\n'), {
    name: detail.name,
    description: detail.description,
    instructions: detail.instructions,
    files: detail.files,
    tools: toolNames,
  })
}

async function readFile(
  ctx: ToolContext,
  input: z.infer<typeof inputs.skill_read_file>,
): Promise<CallToolResult> {
  const path = safeRelativePath(input.path)
  if (path === null) {
    return errorResult(
      `Refused: "${input.path.slice(0, 200)}" is not a path inside the skill. Give a relative path such as references/GUIDE.md, without "..", a leading "/" or a drive letter.`,
    )
  }
  const manifest = await ctx.exposure.manifest(ctx.client, input.name)
  if (!manifest) return unknownSkill(input.name)
  const file = manifest.files.find((f) => f.path === path || f.uriPath === path)
  if (!file) {
    const listed = manifest.files.map((f) => f.path).join(', ')
    return errorResult(`${input.name} has no file "${path}". Its files: ${listed}.`)
  }
  const uri = skillUri(manifest.name, file.uriPath)
  if (file.size > MAX_TOOL_FILE_BYTES) {
    return errorResult(
      `${path} is ${file.size} bytes, more than a tool result carries (${MAX_TOOL_FILE_BYTES}). Read the resource ${uri} instead.`,
    )
  }
  const bytes = ctx.files.read(manifest, file)
  const text = asText(bytes)
  if (text !== null) return { content: [{ type: 'text', text }] }
  return {
    content: [
      { type: 'resource', resource: { uri, mimeType: mimeTypeOf(path), blob: bytes.toString('base64') } },
    ],
  }
}

async function call(
  ctx: ToolContext,
  input: z.infer<typeof inputs.skill_call>,
  waiting: Pick<CallRequest, 'signal' | 'onWaiting'>,
): Promise<CallToolResult> {
  // Resolved before the client's role applies: the call pipeline refuses and audits what the role forbids.
  const skill = ctx.exposure.reachable(ctx.client).find((s) => s.name === input.skill) ?? null
  if (!skill) return deprecatedResult(ctx, input.skill) ?? unknownSkill(input.skill)
  if (!skill.hasServer) {
    return errorResult(`${input.skill} has no tools; read its instructions with skill_read and follow them.`)
  }
  try {
    return (await ctx.calls.call({
      skill: input.skill,
      tool: input.tool,
      args: input.arguments ?? {},
      client: ctx.client.name,
      origin: 'mcp',
      ...waiting,
    })) as CallToolResult
  } catch (err) {
    throw asMcpRateLimit(err)
  }
}

/**
 * A deprecated skill is no longer served, but a client that calls it is told which skill replaces
 * it (unless the skill's allow-list leaves the client out: then it stays unknown).
 */
export function deprecatedResult(
  ctx: Pick<ToolContext, 'calls' | 'client'>,
  skill: string,
): CallToolResult | null {
  const refusal = ctx.calls.refusal(skill, ctx.client.name, 'mcp')
  return refusal?.details?.deprecated === true ? errorResult(refusal.message) : null
}

/** A skill's own per-client budget spent: a JSON-RPC error clients can tell from a tool failure. */
export function asMcpRateLimit(err: unknown): unknown {
  if (err instanceof AppError && err.code === 'RATE_LIMITED' && err.details?.limitPerMinute !== undefined) {
    return new ProtocolError(RATE_LIMITED, err.message, err.details)
  }
  return err
}

function request(ctx: ToolContext, input: z.infer<typeof inputs.skill_request>): CallToolResult {
  const { gap, created } = ctx.gaps.record(
    {
      capability: input.capability,
      context: input.context ?? '',
      trigger: 'mcp',
      requester: ctx.client.name,
    },
    isoNow(ctx.clock),
  )
  const visible = new Set(ctx.exposure.visible(ctx.client).map((s) => s.name))
  const suggestions = ctx.catalog
    .search(input.capability, 50)
    .filter((h) => visible.has(h.name))
    .slice(0, 3)
    .map((h) => h.name)
  const lines = [
    created
      ? `Recorded the capability request "${gap.capability}" (id ${gap.id}, status ${gap.status}).`
      : `This capability was already requested (id ${gap.id}, status ${gap.status}, asked ${gap.occurrences} times); the count was updated.`,
    'A person reviews capability requests in SkillDock. Nothing was installed or approved, and no skill changed.',
  ]
  if (suggestions.length > 0)
    lines.push(`Skills that might already help: ${suggestions.join(', ')} (see skill_read).`)
  return textResult(lines.join('\n'), {
    id: gap.id,
    capability: gap.capability,
    status: gap.status,
    occurrences: gap.occurrences,
    created,
    suggestions,
  })
}
