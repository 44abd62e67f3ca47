import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(__dirname, '..', '..')

/** The built `skilldock` launcher (tests that need a real separate process run it). */
export const skilldockBin = join(root, 'resources', 'bin', 'skilldock.cjs')
const built = join(root, 'out', 'main', 'cli.js')

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((n) => {
      const path = join(dir, n)
      const stat = statSync(path)
      return stat.isDirectory() ? newestSource(path) : stat.mtimeMs
    }),
  )
}

/** Builds the CLI when the build is missing or older than the sources, so the test runs this code. */
export function ensureBuilt(): void {
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(join(root, 'src-main'))) return
  execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'pipe', timeout: 240_000 })
}
