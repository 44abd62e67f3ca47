import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, readlinkSync } from 'node:fs'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { skilldockBin } from '../support/build'
import { tempDir } from '../support/fs'

/** Running, not a zombie (a container's init may never reap dead orphans). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

/** Live processes whose parent is `parent`. */
function childrenOf(parent: number): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent
      } catch {
        return false
      }
    })
    .map(Number)
}

/** Live processes that run in, or name, the data home (a skill server and its sandbox wrappers). */
function processesOf(home: string): number[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .filter((pid) => {
      try {
        const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8')
        let cwd = ''
        try {
          cwd = readlinkSync(`/proc/${pid}/cwd`)
        } catch {
          // Not ours to inspect.
        }
        return (cmdline.includes(home) || cwd.startsWith(home)) && alive(Number(pid))
      } catch {
        return false
      }
    })
    .map(Number)
}

/**
 * `skilldock serve`, asked for a bundled (sandboxed) skill's tools, then sent SIGTERM after `afterMs`:
 * right as the skill's sandbox and server are starting. Resolves with the exit code once serve is gone
 * (or null if it is still running after `patienceMs`) and every process serve started meanwhile.
 */
async function stopWhileStarting(home: string, afterMs: number) {
  const serve = spawn(process.execPath, [skilldockBin, '--home', home, 'serve', '--port', '0', '--no-ui'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  const exited = new Promise<number | null>((done) => serve.once('exit', (code) => done(code)))
  const first = await new Promise<string>((done) =>
    createInterface({ input: serve.stdout }).once('line', done),
  )
  const url = new URL((JSON.parse(first) as { url: string }).url)
  // Its answer does not matter (serve may close the connection first); it is dropped once serve is gone.
  const dropped = new AbortController()
  void fetch(`${url.origin}/api/invoke/runtime.tools`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${url.hash.replace('#token=', '')}`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ name: 'unit-converter', refresh: true }),
    signal: dropped.signal,
  }).catch(() => null)
  // Everything serve spawns (the skill's sandbox, the sandbox's network bridge) is watched until it exits.
  const spawned = new Set<number>()
  const watch = setInterval(() => childrenOf(serve.pid!).forEach((pid) => spawned.add(pid)), 20)
  await new Promise((r) => setTimeout(r, afterMs))
  serve.kill('SIGTERM')
  // Far beyond a normal shutdown (well under a second); the bug held serve for 80 s and more.
  const patienceMs = 20_000
  const code = await Promise.race([
    exited,
    new Promise<'running'>((r) => setTimeout(() => r('running'), patienceMs)),
  ])
  clearInterval(watch)
  if (code === 'running') serve.kill('SIGKILL')
  dropped.abort()
  return { code, spawned: [...spawned] }
}

describe('SIGTERM while a skill is starting', () => {
  it('serve stops at once, aborting the start, and leaves no skill or sandbox process behind', async () => {
    const home = tempDir('skilldock-stop-start-')
    for (const afterMs of [50, 150, 400]) {
      const { code, spawned } = await stopWhileStarting(home, afterMs)
      expect(code, `serve still running after SIGTERM ${afterMs} ms into the start`).toBe(0)
      await expect.poll(() => spawned.filter(alive)).toEqual([])
      await expect.poll(() => processesOf(home)).toEqual([])
    }
  }, 120_000)
})
