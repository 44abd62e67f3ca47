import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

/** `npm run bench`: the measurements, run once, outside `npm test`. */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    name: 'bench',
    environment: 'node',
    pool: 'forks',
    include: ['test/bench/**/*.bench.ts'],
    testTimeout: 1_800_000,
    hookTimeout: 300_000,
    reporters: ['verbose'],
  },
})
