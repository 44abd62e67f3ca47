import { appendFileSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir, writeTree } from '../support/fs'
import { pendingRequests, skilldockJson, skilldockRun, stateOf } from './support/processes'

/**
 * The attack: an MCP source given as a command (`python3 /somewhere/server.py`) generates skills
 * whose SKILL.md declares that command as their server. The script lives outside the skill
 * folder, so the folder's pin did not cover it: editing the script changed what the approved
 * skill does, with no new approval (its tools, and so the served-tools pin, stayed the same).
 */
/** A stdio MCP server in plain Python (no kit: the source is fetched in the sandbox, which sees only it). */
const SERVER = `import json, sys

TOOL = {"name": "greet", "description": "Greets someone by name.",
        "inputSchema": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]}}


def answer(message):
    method, params = message.get("method"), message.get("params") or {}
    if method == "initialize":
        return {"protocolVersion": params.get("protocolVersion", "2025-06-18"), "capabilities": {"tools": {}},
                "serverInfo": {"name": "outside", "version": "1.0.0"}}
    if method == "tools/list":
        return {"tools": [TOOL]}
    if method == "tools/call":
        return {"content": [{"type": "text", "text": "hello " + params["arguments"]["name"]}]}
    return {}


for line in sys.stdin:
    message = json.loads(line)
    if "id" not in message:
        continue
    sys.stdout.write(json.dumps({"jsonrpc": "2.0", "id": message["id"], "result": answer(message)}) + "\\n")
    sys.stdout.flush()
`

beforeAll(() => ensureBuilt(), 300_000)

describe('a skill whose declared server runs a script outside its folder', { timeout: 240_000 }, () => {
  it('is pinned with that script: an edit to it makes the skill changed, refused, and re-requested', () => {
    const home = tempDir()
    const outside = writeTree(tempDir(), { 'server.py': SERVER })
    const script = join(outside, 'server.py')
    const source = JSON.stringify({ command: 'python3', args: [script] })
    skilldockJson(home, 'repo', 'add', 'outside', source, '--type', 'mcp')
    skilldockJson(home, 'repo', 'sync', 'outside')
    const request = pendingRequests(home).find((a) => a.skill.endsWith('greet'))
    expect(request).toBeDefined()
    const skill = request!.skill
    // What the source generated: a SKILL.md whose server is the outside script.
    expect(readFileSync(join(home, 'skills', skill, 'SKILL.md'), 'utf8')).toContain(script)
    skilldockJson(home, 'approve', request!.id, '--trust', 'trusted')
    const greet = () => skilldockRun(home, 'call', skill, 'greet', '--args', '{"name":"ada"}')
    expect(greet().stdout).toContain('hello ada')

    // Same tools, same schema, different behaviour.
    writeFileSync(script, SERVER.replace('"hello "', '"pwned "'))
    const after = greet()
    expect(after.code).toBe(1)
    expect(after.stdout).not.toContain('pwned')
    expect(after.stderr).toMatch(/changed|approv/i)
    expect(stateOf(home, skill)).toBe('changed')
    const requests = pendingRequests(home).filter((a) => a.skill === skill)
    expect(requests).toHaveLength(1)
    expect(requests[0]!.kind).toBe('external-edit')
    // Still held in the next process, until a person approves the new content.
    expect(greet().code).toBe(1)
    skilldockJson(home, 'approve', requests[0]!.id, '--trust', 'trusted')
    expect(greet().stdout).toContain('pwned ada')
  })

  it('a byte appended to the outside script is noticed by `list` alone', () => {
    const home = tempDir()
    const outside = writeTree(tempDir(), { 'server.py': SERVER })
    const skillDir = writeTree(tempDir(), {
      'proxy/SKILL.md': [
        '---',
        'name: proxy',
        'description: Greets people through a server that lives elsewhere.',
        'metadata:',
        '  skilldock:',
        '    server:',
        '      command: python3',
        `      args: [${JSON.stringify(join(outside, 'server.py'))}]`,
        '---',
        '# proxy',
        '',
      ].join('\n'),
    })
    skilldockJson(home, 'add', join(skillDir, 'proxy'))
    const [request] = pendingRequests(home)
    skilldockJson(home, 'approve', request!.id, '--trust', 'trusted')
    expect(stateOf(home, 'proxy')).toBe('active')
    appendFileSync(join(outside, 'server.py'), '# x\n')
    expect(stateOf(home, 'proxy')).toBe('changed')
    expect(pendingRequests(home).filter((a) => a.skill === 'proxy')).toHaveLength(1)
  })
})
