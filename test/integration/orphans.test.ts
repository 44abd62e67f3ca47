import { execFileSync, spawn } from 'node:child_process'
import { resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { skilldockBin } from '../support/build'
import { tempDir } from '../support/fs'
import { alive } from '../support/runtimeCore'

const fixture = resolve(__dirname, '../fixtures/runtime/stubborn')

const skilldock = (home: string, ...args: string[]) =>
  execFileSync(process.execPath, [skilldockBin, '--home', home, ...args], { encoding: 'utf8' })

describe('no skill process outlives SkillDock', () => {
  it('a killed serve leaves a stubborn server behind; the next SkillDock reaps it, a running one is left alone', async () => {
    const home = tempDir()
    // Trusted, so it runs outside the OS sandbox: bubblewrap would take it down with its parent,
    // and this test needs a server that really outlives SkillDock.
    skilldock(home, 'add', fixture, '--json')
    const [request] = JSON.parse(skilldock(home, 'approvals', '--json')) as { id: string }[]
    skilldock(home, 'approve', request!.id, '--trust', 'trusted')

    const serve = spawn(process.execPath, [skilldockBin, '--home', home, 'serve', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    const first = await new Promise<string>((done) =>
      createInterface({ input: serve.stdout! }).once('line', done),
    )
    const url = new URL((JSON.parse(first) as { url: string }).url)
    const token = url.hash.replace('#token=', '')
    const reply = await fetch(`${url.origin}/api/invoke/runtime.start`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'stubborn' }),
    })
    const started = (await reply.json()) as { ok: boolean; data: { pid: number } }
    expect(started.ok).toBe(true)
    const pid = started.data.pid

    // A CLI command while the app runs must not touch the app's servers.
    skilldock(home, 'list')
    expect(alive(pid)).toBe(true)

    const exited = new Promise((done) => serve.once('exit', done))
    serve.kill('SIGKILL')
    await exited
    await new Promise((r) => setTimeout(r, 300))
    expect(alive(pid)).toBe(true) // it ignored the end of its input: an orphan

    skilldock(home, 'list')
    await expect.poll(() => alive(pid)).toBe(false)
  }, 60_000)
})
