import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..', '..')

/** The built `skilldock` launcher (tests that need a real separate process run it). */
export const skilldockBin = join(root, 'resources', 'bin', 'skilldock.cjs')
/** The outputs tests run, each with the sources it is built from. */
const outputs = [
  { file: join(root, 'out', 'main', 'cli.js'), sources: join(root, 'src-main') },
  { file: join(root, 'out', 'preload', 'index.js'), sources: join(root, 'src-preload') },
]
/** Shared with the e2e helpers: one electron-vite build at a time writes out/. */
const BUILD_LOCK = '/tmp/skilldock-e2e.lock'

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((n) => {
      const path = join(dir, n)
      const stat = statSync(path)
      return stat.isDirectory() ? newestSource(path) : stat.mtimeMs
    }),
  )
}

function isStale(): boolean {
  return outputs.some(
    ({ file, sources }) => !existsSync(file) || statSync(file).mtimeMs < newestSource(sources),
  )
}

/**
 * Builds the app when the build is missing or older than the sources, so tests run this code. The
 * `built` vitest project calls it once per run (test/support/globalBuild.ts), not each test file.
 */
export function ensureBuilt(): void {
  if (!isStale()) return
  const build = ['npx', 'electron-vite', 'build']
  const options = { cwd: root, stdio: 'pipe', timeout: 300_000 } as const
  try {
    execFileSync('flock', [BUILD_LOCK, ...build], options)
  } catch (err) {
    // No flock (macOS): build unlocked, as a single developer's run does not race itself.
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
    execFileSync(build[0]!, build.slice(1), options)
  }
}
