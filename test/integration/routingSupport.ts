import { chmodSync, existsSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

// Shared by the routing suites (routing.test.ts, routingFeedback.test.ts).
export const root = resolve(__dirname, '../..')

export const goldenFile = join(root, 'resources', 'routing', 'golden.json')

/** What the router must reach on the bundled golden file (issue #18). */
export const PRECISION_GOAL = 0.95

export const RECALL_GOAL = 0.85

/**
 * A PATH with a `gh` on it, as on a machine with the GitHub CLI installed: github-helper is only a
 * candidate where it is eligible. The stub never runs (github-helper has no server).
 */
export function pathWithGh(): string {
  const bin = tempDir('skilldock-bin-')
  writeFileSync(join(bin, 'gh'), '#!/bin/sh\nexit 0\n')
  chmodSync(join(bin, 'gh'), 0o755)
  return `${bin}:${process.env.PATH ?? ''}`
}

/**
 * This machine's PATH with no `gh` on it, as on CI: a directory holding `gh` is replaced by a copy of
 * its other entries (symlinks), so python3 and git stay reachable.
 */
export function pathWithoutGh(): string {
  return (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => dir.length > 0)
    .map((dir) => {
      if (!existsSync(join(dir, 'gh'))) return dir
      const copy = tempDir('skilldock-nogh-')
      for (const entry of readdirSync(dir))
        if (entry !== 'gh') symlinkSync(join(dir, entry), join(copy, entry))
      return copy
    })
    .join(':')
}

export function setup() {
  const home = tempDir('skilldock-home-')
  const env = { PATH: pathWithGh() }
  return { home, run: (...args: string[]) => cli(['--home', home, ...args], env) }
}
