import { randomUUID } from 'node:crypto'
import { cpSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { AutomationTimer } from '../../src-main/core/automation'
import type { Clock } from '../../src-main/core/base/clock'
import type { CoreOptions } from '../../src-main/core/app'
import { KeychainSecretStore } from '../../src-main/core/secrets/keychainStore'
import { makeCore, type TestCore } from './core'
import { tempDir } from './fs'

const root = resolve(__dirname, '..', '..')

/** An app root whose bundled skills are copies of real bundled skills and of the slow-step fixture. */
export function appWith(bundled: string[], slow: string[] = []): string {
  const appRoot = tempDir('skilldock-auto-app-')
  for (const name of bundled) {
    cpSync(join(root, 'skills', name), join(appRoot, 'skills', name), {
      recursive: true,
      filter: (src) => !src.includes('__pycache__'),
    })
  }
  for (const name of slow) {
    const dir = join(appRoot, 'skills', name)
    cpSync(join(root, 'test', 'fixtures', 'automation', 'slow-step'), dir, { recursive: true })
    const md = join(dir, 'SKILL.md')
    writeFileSync(md, readFileSync(md, 'utf8').replace('name: slow-step', `name: ${name}`))
  }
  return appRoot
}

/** A core over those skills with the real runtime and a keychain service of its own. */
export function automationCore(
  appRoot: string,
  options: Partial<CoreOptions> = {},
): TestCore & { secrets: KeychainSecretStore } {
  const secrets = new KeychainSecretStore({ service: `SkillDockTest-${randomUUID()}` })
  const t = makeCore({ appRoot, secrets, supervisor: { startupTimeoutMs: 20_000 }, ...options })
  return { ...t, secrets }
}

/** A clock the test moves by hand. */
export class ManualClock implements Clock {
  constructor(private time = Date.parse('2030-01-01T00:00:00Z')) {}
  now(): Date {
    return new Date(this.time)
  }
  advance(ms: number): void {
    this.time += ms
  }
}

/** A worker timer the test fires by hand; `fire` resolves when the worker's pass is done. */
export class ManualTimer implements AutomationTimer {
  private tick: (() => Promise<void>) | null = null
  every(_ms: number, tick: () => Promise<void>) {
    this.tick = tick
    return { dispose: () => void (this.tick = null) }
  }
  get started(): boolean {
    return this.tick !== null
  }
  fire(): Promise<void> {
    if (!this.tick) throw new Error('the automation worker is not running')
    return this.tick()
  }
}

/** Queues a job the worker tries once (maxAttempts 1): a refused call fails it at once. */
export function enqueueOnce(t: TestCore, skill: string, tool: string, args: Record<string, unknown>) {
  return t.call('jobs.enqueue', { skill, tool, arguments: args, maxAttempts: 1 })
}
