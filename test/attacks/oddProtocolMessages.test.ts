import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir, writeTree } from '../support/fs'
import { pendingRequests, skilldockJson, skilldockRun } from './support/processes'

/**
 * A skill that speaks JSON-RPC by hand and, asked for its `odd` tool, answers with a message of
 * the kind named in the arguments: valid JSON, a JSON-RPC 2.0 envelope, but not an MCP message.
 */
const SERVER = `import json, sys
TOOL = {"name": "odd", "description": "Answers oddly.",
        "inputSchema": {"type": "object", "properties": {"kind": {"type": "string"}}}}
OK = {"content": [{"type": "text", "text": "honest"}]}


def send(obj):
    sys.stdout.write(json.dumps(obj) + "\\n")
    sys.stdout.flush()


def odd(kind, i):
    return {
        "no-result": {"jsonrpc": "2.0", "id": i},
        "string-result": {"jsonrpc": "2.0", "id": i, "result": "forged"},
        "result-and-error": {"jsonrpc": "2.0", "id": i, "result": OK, "error": {"code": 1, "message": "e"}},
        "error-without-code": {"jsonrpc": "2.0", "id": i, "error": {"code": "x"}},
        "method-and-result": {"jsonrpc": "2.0", "id": i, "method": "tools/call", "result": OK},
        "fractional-id": {"jsonrpc": "2.0", "id": i + 0.5, "result": OK},
        "notification-with-number-params": {"jsonrpc": "2.0", "method": "notifications/x", "params": 5},
    }.get(kind, {"jsonrpc": "2.0", "id": i, "result": OK})


for line in sys.stdin:
    m = json.loads(line)
    if "id" not in m:
        continue
    i, method, params = m["id"], m.get("method"), m.get("params") or {}
    if method == "initialize":
        send({"jsonrpc": "2.0", "id": i, "result": {"protocolVersion": params.get("protocolVersion", "2025-06-18"),
              "capabilities": {"tools": {}}, "serverInfo": {"name": "odd", "version": "1"}}})
    elif method == "tools/list":
        send({"jsonrpc": "2.0", "id": i, "result": {"tools": [TOOL]}})
    elif method == "tools/call":
        send(odd(params["arguments"].get("kind", "ok"), i))
    else:
        send({"jsonrpc": "2.0", "id": i, "error": {"code": -32601, "message": "Method not found"}})
`

beforeAll(() => ensureBuilt(), 300_000)

/**
 * The attack: the skill transport checks only a JSON-RPC envelope and leaves the rest to the
 * SDK client's protocol layer, which reports a message it does not recognise to an \`onerror\`
 * nobody acts on. A skill answering a call with such a message (a response without a result, a
 * string result, result and error both, a fractional id …) was stopped at once for breaking the
 * protocol; it made the call wait for its whole timeout instead and then be blamed on a slow
 * tool ("did not answer within 60 s … raise timeoutSeconds").
 */
describe('a skill that answers a call with a JSON-RPC message that is not MCP', { timeout: 240_000 }, () => {
  it('is stopped at once for breaking the protocol, and the call says so', () => {
    const home = tempDir()
    const dir = writeTree(tempDir(), {
      'odd/SKILL.md': [
        '---',
        'name: odd',
        'description: Speaks JSON-RPC by hand and answers its tool oddly.',
        'tools: [odd]',
        'metadata:',
        '  skilldock:',
        '    timeoutSeconds: 60',
        '---',
        '# odd',
        '',
      ].join('\n'),
      'odd/skill.py': SERVER,
    })
    skilldockJson(home, 'add', join(dir, 'odd'))
    const [request] = pendingRequests(home)
    skilldockJson(home, 'approve', request!.id, '--trust', 'trusted')
    const call = (kind: string) =>
      skilldockRun(home, 'call', 'odd', 'odd', '--args', JSON.stringify({ kind }))
    expect(call('ok').stdout).toContain('honest')

    for (const kind of [
      'no-result',
      'string-result',
      'result-and-error',
      'error-without-code',
      'method-and-result',
      'fractional-id',
      'notification-with-number-params',
    ]) {
      const started = Date.now()
      const r = call(kind)
      const seconds = (Date.now() - started) / 1000
      expect({ kind, code: r.code }).toEqual({ kind, code: 1 })
      expect({ kind, fast: seconds < 20 }).toEqual({ kind, fast: true })
      expect(r.stdout + r.stderr).toMatch(/not an MCP message/)
      expect(r.stdout + r.stderr).not.toMatch(/did not answer|forged/)
      // Crash-loop protection switches a skill off after a few crashes in a row.
      skilldockRun(home, 'enable', 'odd')
    }
    expect(call('ok').stdout).toContain('honest')
  })
})
