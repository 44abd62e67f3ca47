import { ensureBuilt } from './build'

/**
 * globalSetup of the `built` vitest project: the suites that run the built CLI or preload as a real
 * separate process get one fresh build before any of them starts, instead of building inside a test.
 */
export default function setup(): void {
  ensureBuilt()
}
