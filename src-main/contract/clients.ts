import { z } from 'zod'

/** How a client is served: `catalog` (search/read/call tools) or `direct` (plus `<skill>__<tool>`). */
export const ClientMode = z.enum(['catalog', 'direct'])
export type ClientMode = z.infer<typeof ClientMode>

/** A named MCP client of the local endpoint. Its token is never listed. */
export const ClientInfo = z.object({
  name: z.string(),
  mode: ClientMode,
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
})
export type ClientInfo = z.infer<typeof ClientInfo>

/** The MCP clients SkillDock writes a configuration for. */
export const McpClientKind = z.enum(['claude-desktop', 'claude-code', 'cursor', 'vscode', 'codex'])
export type McpClientKind = z.infer<typeof McpClientKind>

export const McpClientConfig = z.object({
  client: McpClientKind,
  /** How `text` is used: a JSON or TOML file to merge, or a shell command. */
  format: z.enum(['json', 'toml', 'shell']),
  /** Where it goes, for a person. */
  target: z.string(),
  text: z.string(),
  /** The token written into `text`, when one was asked for (HTTP clients only). */
  token: z.string().optional(),
})
export type McpClientConfig = z.infer<typeof McpClientConfig>

// The core checks the name itself, so the message can say what a valid one looks like.
const ClientNameInput = z.string().min(1).max(100)

/** Routes of the MCP endpoint's clients; spread into the route map. */
export const clientRoutes = {
  /** Creates a client with a random token, returned here once (only its hash is stored; the token goes to the keychain). */
  'clients.add': {
    input: z.object({ name: ClientNameInput, mode: ClientMode.optional() }).strict(),
    output: z.object({ name: z.string(), token: z.string(), mode: ClientMode }),
  },
  /** The clients, without tokens. */
  'clients.list': { input: z.object({}).strict(), output: z.array(ClientInfo) },
  /** Deletes a client; its token stops working at once. */
  'clients.remove': {
    input: z.object({ name: ClientNameInput }).strict(),
    output: z.object({ removed: z.string() }),
  },
  /** Where MCP clients reach SkillDock over HTTP, and whether an instance listens there now. */
  'mcp.endpoint': {
    input: z.object({}).strict(),
    output: z.object({ url: z.string(), running: z.boolean(), port: z.number().int().nullable() }),
  },
  /**
   * A ready-to-paste configuration for an MCP client. HTTP clients get the token of the SkillDock
   * client of the same name, which is created (catalog mode) when missing; with `withToken: false`
   * nothing is created and the text holds a `<token>` placeholder.
   */
  'mcp.config': {
    input: z.object({ client: McpClientKind, withToken: z.boolean().optional() }).strict(),
    output: McpClientConfig,
  },
}
