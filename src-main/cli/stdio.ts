import { StreamableHTTPClientTransport } from '@modelcontextprotocol/client'
import { isJSONRPCRequest, isJSONRPCResultResponse, type JSONRPCMessage } from '@modelcontextprotocol/server'
import { serveStdio, StdioServerTransport } from '@modelcontextprotocol/server/stdio'
import {
  AppError,
  type McpSession,
  prepareClientToken,
  readRunningInstance,
  type RunningInstance,
} from '../core/app'
import type { CliContext } from './context'
import { perRequestSignals } from './requestSignals'

/**
 * `skilldock mcp`: MCP over stdio, either protocol era (the client's first message decides). With a
 * SkillDock running for this data home, stdio is bridged to its HTTP endpoint under the client's
 * token; otherwise the core runs in-process. stdout carries protocol messages only; everything else
 * goes to stderr.
 */
export async function runStdioServer(ctx: CliContext, clientName: string): Promise<void> {
  const running = readRunningInstance(ctx.home)
  if (running && (await reachable(running.mcpUrl))) return bridge(ctx, running, clientName)
  return serveInProcess(ctx, clientName)
}

async function reachable(url: string): Promise<boolean> {
  try {
    await fetch(url, { method: 'GET', signal: AbortSignal.timeout(1500) })
    return true
  } catch {
    return false
  }
}

/** Resolves when the MCP client closes our stdin or we are told to stop. */
function untilStdinCloses(onClose: (stop: () => void) => void): Promise<void> {
  return new Promise((resolve) => {
    let done = false
    const stop = () => {
      if (done) return
      done = true
      process.stdin.off('end', stop)
      process.stdin.off('close', stop)
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      resolve()
    }
    process.stdin.once('end', stop)
    process.stdin.once('close', stop)
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    onClose(stop)
  })
}

async function serveInProcess(ctx: CliContext, clientName: string): Promise<void> {
  const core = ctx.open({ watch: true })
  let client = core.mcp.clients.identity(clientName)
  if (!client) {
    try {
      client = await core.mcp.clients.ensureToken(clientName)
    } catch (err) {
      // No keychain: serve anyway under the name; only the HTTP endpoint needs a stored token.
      ctx.io.stderr(`warning: client ${clientName} was not registered: ${AppError.from(err).message}\n`)
      client = { name: clientName, mode: 'catalog' }
    }
  }
  const identity = client
  // The SDK builds one server for the connection (and one for a `server/discover` probe that a
  // 2025-era client never sends): each is a session that hears of catalog changes.
  const sessions: McpSession[] = []
  const handle = serveStdio(
    () => {
      const session = core.mcp.openSession(identity)
      sessions.push(session)
      return session.server
    },
    { onerror: (err) => ctx.io.stderr(`skilldock mcp: ${err.message}\n`) },
  )
  await untilStdinCloses(() => undefined)
  await handle.close()
  await Promise.all(sessions.map((s) => s.close()))
}

async function bridge(ctx: CliContext, running: RunningInstance, clientName: string): Promise<void> {
  const { token } = await prepareClientToken(ctx.home, clientName)
  const http = new StreamableHTTPClientTransport(new URL(running.mcpUrl), {
    requestInit: { headers: { Authorization: `Bearer ${token}` } },
    fetch: perRequestSignals(),
  })
  const stdio = new StdioServerTransport()
  const initializeIds = new Set<string | number>()

  stdio.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCRequest(message) && message.method === 'initialize') initializeIds.add(message.id)
    http.send(message).catch((err: unknown) => {
      ctx.io.stderr(`skilldock mcp: ${(err as Error).message}\n`)
      // Answer the request so the client does not wait forever for a reply that cannot come.
      if (isJSONRPCRequest(message)) {
        const error = {
          code: -32603,
          message: `SkillDock at ${running.mcpUrl} did not answer: ${(err as Error).message}`,
        }
        void stdio.send({ jsonrpc: '2.0', id: message.id, error })
      }
    })
  }
  http.onmessage = (message: JSONRPCMessage) => {
    if (isJSONRPCResultResponse(message) && initializeIds.delete(message.id)) {
      const version = (message.result as { protocolVersion?: unknown }).protocolVersion
      if (typeof version === 'string') http.setProtocolVersion(version)
    }
    void stdio.send(message)
  }
  http.onerror = (err) => ctx.io.stderr(`skilldock mcp: ${err.message}\n`)

  await http.start()
  await stdio.start()
  await untilStdinCloses((stop) => {
    stdio.onclose = stop
  })
  await http.terminateSession().catch(() => undefined)
  await http.close()
  await stdio.close()
}
