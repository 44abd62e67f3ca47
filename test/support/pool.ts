import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { TrustLevel } from '../../src-main/contract/models'
import type { TestCore } from './core'
import { tempDir } from './fs'
import { resultText } from './runtimeCore'

const poolFixture = resolve(__dirname, '../fixtures/runtime/pool')

/** A copy of the pool fixture (a CPU-bound `work` tool) named `name`, declaring `processes`. */
export function poolSkill(name: string, processes = 2): string {
  const dir = join(tempDir('skilldock-pool-'), name)
  cpSync(poolFixture, dir, { recursive: true })
  const manifest = join(dir, 'SKILL.md')
  writeFileSync(
    manifest,
    readFileSync(manifest, 'utf8')
      .replace('name: pool', `name: ${name}`)
      .replace('processes: 2', `processes: ${processes}`),
  )
  return dir
}

/** Adds the skill folder and approves its request (if governance held it) at `trust`. */
export async function addApproved(
  t: TestCore,
  dir: string,
  skill: string,
  trust: TrustLevel = 'monitored',
): Promise<void> {
  await t.call('skills.add', { path: dir })
  const pending = await t.call('approvals.list', { status: 'pending' })
  const request = pending.find((a) => a.skill === skill)
  if (request) await t.call('approvals.decide', { id: request.id, approve: true, trust })
}

/** `n` calls at once of the skill's `work` tool; which of its processes answered each. */
export async function poolBurst(t: TestCore, skill: string, n: number, seconds = 0.3): Promise<string[]> {
  const results = await Promise.all(
    Array.from({ length: n }, () =>
      t.call('runtime.call', { name: skill, tool: 'work', arguments: { seconds } }),
    ),
  )
  return results.map(resultText)
}

/** How many server processes of the skill run now. */
export const poolProcesses = async (t: TestCore, skill: string): Promise<number> =>
  (await t.call('runtime.status', { name: skill }))[0]?.processes ?? 0
