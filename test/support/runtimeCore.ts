import { cpSync, readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { ToolCallResult } from '../../src-main/contract/models'
import { makeCore, type TestCore } from './core'
import { tempDir } from './fs'

const root = resolve(__dirname, '../..')
const fixtures = join(root, 'test/fixtures/runtime')

/** A core whose bundled skills are the runtime fixtures (trusted, so no sandbox), with short timers. */
export function runtimeCore(
  names: string[],
  supervisor: Record<string, number> = {},
  env: NodeJS.ProcessEnv = process.env,
): TestCore {
  const appRoot = tempDir('skilldock-rt-')
  for (const name of names) cpSync(join(fixtures, name), join(appRoot, 'skills', name), { recursive: true })
  return makeCore({
    appRoot,
    resourcesDir: join(root, 'resources'),
    env,
    supervisor: { backoffBaseMs: 50, startupTimeoutMs: 10_000, ...supervisor },
  })
}

/** The text blocks of a tool result, joined. */
export const resultText = (r: ToolCallResult) => r.content.map((c) => String(c.text ?? '')).join('')

/** Running, not a zombie (a container's init may never reap dead orphans). */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/** Every live process whose command line mentions `text` (Linux /proc). */
export function processesMentioning(text: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text) && alive(Number(pid))
      } catch {
        return false
      }
    })
    .map(Number)
}
