// The SDK alone doing what `skilldock mcp` does: a stdio MCP server (serveStdio, both eras, a fresh
// server per connection) whose `echo` tool forwards each call to the echo fixture's own process over
// one SDK client (`request`, as SkillDock sends them). Nothing of SkillDock; the bench's reference
// for what one stdio hop through the v2 SDK costs.
import { Client } from '@modelcontextprotocol/client'
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio'
import { McpServer } from '@modelcontextprotocol/server'
import { serveStdio } from '@modelcontextprotocol/server/stdio'
import { z } from 'zod'

const [launch, skill] = process.argv.slice(2)
const upstream = new Client(
  { name: 'bare-proxy', version: '1.0.0' },
  { capabilities: {}, versionNegotiation: { mode: 'auto' } },
)
await upstream.connect(
  new StdioClientTransport({ command: 'python3', args: ['-I', launch, skill], stderr: 'ignore' }),
)
const handle = serveStdio(() => {
  const server = new McpServer({ name: 'bare-proxy', version: '1.0.0' })
  server.registerTool('echo', { inputSchema: z.object({ text: z.string() }) }, async ({ text }) =>
    upstream.request({ method: 'tools/call', params: { name: 'echo', arguments: { text } } }),
  )
  return server
})
process.stdin.once('end', async () => {
  await handle.close()
  await upstream.close()
  process.exit(0)
})
