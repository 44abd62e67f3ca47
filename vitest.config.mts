import { defineConfig } from 'vitest/config'

/** Suites that run the built CLI or preload as a real separate process (out/, from electron-vite). */
const needsBuild = [
  'test/faults/killDuring*.test.ts',
  'test/faults/databaseFile.test.ts',
  'test/integration/orphans.test.ts',
  'test/integration/mcpStdio.test.ts',
  'test/integration/callPolicies.test.ts',
  'test/unit/electron/preload.test.ts',
]

const nodeProject = {
  environment: 'node',
  pool: 'forks',
  testTimeout: 30_000,
  hookTimeout: 30_000,
} as const

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...nodeProject,
          name: 'core',
          include: [
            'test/unit/{core,contract,cli,http,electron}/**/*.test.ts',
            'test/integration/**/*.test.ts',
            'test/faults/**/*.test.ts',
            'test/attacks/**/*.test.ts',
          ],
          exclude: needsBuild,
        },
      },
      {
        test: {
          ...nodeProject,
          name: 'built',
          include: needsBuild,
          // One build before these suites start (only when one of them is selected), none inside a test.
          globalSetup: ['test/support/globalBuild.ts'],
        },
      },
      {
        test: {
          name: 'renderer',
          environment: 'happy-dom',
          include: ['test/unit/renderer/**/*.test.{ts,tsx}'],
        },
      },
    ],
  },
})
