import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** A running SkillDock (serve or desktop) that serves MCP over HTTP for this data home. */
export interface RunningInstance {
  port: number
  pid: number
  mcpUrl: string
}

/** `<home>/run/server.json`: written while an instance listens, removed when it stops. */
export const instanceFile = (home: string): string => join(home, 'run', 'server.json')

export function writeRunningInstance(home: string, instance: RunningInstance): void {
  const file = instanceFile(home)
  mkdirSync(dirname(file), { recursive: true })
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(instance) + '\n', { mode: 0o600 })
  renameSync(tmp, file)
}

/** Removes the file if it still describes this process (a newer instance may have replaced it). */
export function removeRunningInstance(home: string, pid = process.pid): void {
  const current = readInstanceFile(home)
  if (current && current.pid !== pid) return
  rmSync(instanceFile(home), { force: true })
}

/** The instance recorded for this home if its process is still alive; null otherwise. */
export function readRunningInstance(home: string): RunningInstance | null {
  const instance = readInstanceFile(home)
  if (!instance) return null
  try {
    process.kill(instance.pid, 0)
    return instance
  } catch (err) {
    // EPERM: alive but someone else's; anything else: gone.
    return (err as NodeJS.ErrnoException).code === 'EPERM' ? instance : null
  }
}

function readInstanceFile(home: string): RunningInstance | null {
  try {
    const value = JSON.parse(readFileSync(instanceFile(home), 'utf8')) as Partial<RunningInstance>
    if (
      Number.isInteger(value.port) &&
      Number.isInteger(value.pid) &&
      (value.pid ?? 0) > 0 &&
      typeof value.mcpUrl === 'string' &&
      value.mcpUrl.startsWith('http://127.0.0.1:')
    ) {
      return value as RunningInstance
    }
  } catch {
    // Missing or unreadable: no instance.
  }
  return null
}
