import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { createCore } from '../../src-main/core/app'
import { generateSkills } from './generate'
import {
  counts,
  type Figure,
  now,
  percentile,
  residentMiB,
  round,
  sample,
  addTrustedEcho,
  routeCaller,
} from './measure'

const root = resolve(__dirname, '..', '..')
const skilldockBin = join(root, 'resources', 'bin', 'skilldock.cjs')

/** First call on a stopped skill (spawn, handshake, call) against starting a bare interpreter. */
export async function measureColdStart(home: string): Promise<Figure[]> {
  const core = createCore({ home, appRoot: root, indexOnStart: true })
  try {
    const call = routeCaller(core)
    await addTrustedEcho(call)
    await call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'warm' } })
    const n = counts.coldStarts
    const cold: number[] = []
    for (let i = 0; i < n; i++) {
      await call('runtime.stop', { name: 'echo' })
      const start = now()
      await call('runtime.call', { name: 'echo', tool: 'echo', arguments: { text: 'cold' } })
      cold.push(now() - start)
    }
    const bare = await sample(n, () => execFileSync('python3', ['-c', 'pass']))
    const value = percentile(cold, 50)
    const ref = percentile(bare, 50)
    return [
      {
        group: 'skill cold start',
        name: `first call on a stopped skill, median of ${n}`,
        value: round(value, 1),
        unit: 'ms',
        reference: { name: 'python3 -c pass, median', value: round(ref, 1) },
        goal: {
          text: `goal ≤ 2 × ${round(ref, 1)} + 50 = ${round(2 * ref + 50, 1)} ms`,
          met: value <= 2 * ref + 50,
        },
      },
    ]
  } finally {
    await core.dispose()
  }
}

/** Starts `skilldock serve` and resolves with the ms until it printed its ready line. */
function startServe(home: string): Promise<{ ms: number; child: ChildProcess }> {
  const start = now()
  const child = spawn(process.execPath, [skilldockBin, '--home', home, 'serve', '--port', '0'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  return new Promise((done, fail) => {
    child.once('exit', (code) => fail(new Error(`serve exited with ${code} before it was ready`)))
    createInterface({ input: child.stdout! }).once('line', () => done({ ms: now() - start, child }))
  })
}

async function stop(child: ChildProcess): Promise<void> {
  child.removeAllListeners('exit')
  const exited = new Promise((done) => child.once('exit', done))
  child.kill('SIGTERM')
  await exited
}

/** `skilldock serve` to ready and its resident memory with `counts.installedSkills` installed skills. */
export async function measureServe(home: string): Promise<Figure[]> {
  const n = counts.installedSkills
  generateSkills(join(home, 'skills'), n)
  const first = await startServe(home)
  await stop(first.child)
  const again = await startServe(home)
  await new Promise((r) => setTimeout(r, 500))
  const rss = residentMiB(again.child.pid!)
  await stop(again.child)
  const bareStart = now()
  const bare = spawn(process.execPath, ['-e', 'console.log("ready"); setInterval(() => {}, 1000)'], {
    stdio: ['ignore', 'pipe', 'ignore'],
  })
  await new Promise((done) => createInterface({ input: bare.stdout! }).once('line', done))
  const bareMs = now() - bareStart
  const bareRss = residentMiB(bare.pid!)
  bare.kill('SIGKILL')
  const reference = { name: 'bare node printing a line', value: round(bareMs, 0) }
  return [
    {
      group: 'serve',
      name: `serve start-up to ready, first start indexing ${n} new skills`,
      value: round(first.ms, 0),
      unit: 'ms',
      reference,
      goal: { text: 'goal ≤ 1500 ms', met: first.ms <= 1500 },
    },
    {
      group: 'serve',
      name: `serve start-up to ready, ${n} skills already indexed`,
      value: round(again.ms, 0),
      unit: 'ms',
      reference,
      goal: { text: 'goal ≤ 1500 ms', met: again.ms <= 1500 },
    },
    {
      group: 'serve',
      name: `serve resident memory, ${n} skills, none running`,
      value: round(rss, 1),
      unit: 'MiB',
      reference: { name: 'bare node process', value: round(bareRss, 1) },
      goal: { text: 'goal ≤ 200 MB', met: rss * 1.048576 <= 200 },
    },
  ]
}
