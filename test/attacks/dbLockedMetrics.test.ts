import { type ChildProcess, spawn } from 'node:child_process'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir } from '../support/fs'
import { callTool, keychainReady, root, text } from '../support/mcp'
import { addAndApprove, closedAfterEach, copyFixture, serveWithAgent } from './support/processes'

/**
 * The attack: another process holds the database's write lock longer than the busy timeout (a long
 * index pass or source sync of another SkillDock process does; so can any local process that opens
 * the file) while `serve` answers a call. A call's metric row is written after its answer, outside
 * any call; failing there ended the whole `serve` (every client cut off). It must keep serving.
 */
const { children, clients } = closedAfterEach()
beforeAll(() => ensureBuilt(), 300_000)

/** A separate process holding `BEGIN IMMEDIATE` on the home's database for `ms`; resolves once it holds it. */
function holdWriteLock(home: string, ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require(${JSON.stringify(join(root, 'node_modules', 'better-sqlite3'))})
    const db = new Database(${JSON.stringify(join(home, 'skilldock.db'))})
    db.exec('BEGIN IMMEDIATE')
    console.log('held')
    setTimeout(() => { db.exec('COMMIT'); db.close() }, ${ms})`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  children.push(child)
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child))
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)))
  })
}

describe.runIf(keychainReady)('a write lock held past the busy timeout', { timeout: 300_000 }, () => {
  it('does not end serve: calls answered meanwhile and after it still work', async () => {
    const home = tempDir()
    addAndApprove(home, copyFixture('runtime/echo', 'echo'), 'echo')
    const { client } = await serveWithAgent(home, { children, clients })
    const echo = (words: string) =>
      callTool(client, 'skill_call', { skill: 'echo', tool: 'echo', arguments: { text: words } })
    expect(text(await echo('before'))).toContain('before')

    const holder = await holdWriteLock(home, 7000)
    expect(text(await echo('while locked'))).toContain('while locked')
    await new Promise((resolve) => holder.once('exit', resolve))

    const serve = children[0]!
    expect(serve.exitCode).toBeNull()
    const after = await echo('after')
    expect(after.isError, text(after)).toBeFalsy()
    expect(text(after)).toContain('after')
  })
})
