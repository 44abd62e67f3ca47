import { join } from 'node:path'
import { afterEach } from 'vitest'
import { createCore, type Core, type CoreOptions } from '../../src-main/core/app'
import type { Result } from '../../src-main/contract/errors'
import type { RouteName, RouteOutput } from '../../src-main/contract/routes'
import { tempDir } from './fs'

const cores: Core[] = []

afterEach(async () => {
  for (const core of cores.splice(0)) await core.dispose()
})

export interface TestCore {
  core: Core
  home: string
  appRoot: string
  builtin: string
  /** Calls a route and returns its data, failing the test on an error result. */
  call<N extends RouteName>(route: N, input?: unknown): Promise<RouteOutput<N>>
  /** Calls a route and returns the raw Result. */
  raw(route: RouteName, input?: unknown): Promise<Result<unknown>>
}

/** A core over a temp data home and a temp app root whose `skills/` folder holds the builtins. */
export function makeCore(options: Partial<CoreOptions> & { appRoot?: string } = {}): TestCore {
  const home = options.home ?? tempDir('skilldock-home-')
  const appRoot = options.appRoot ?? tempDir('skilldock-app-')
  // The real python kit and analyzer of this repository, wherever the test's app root is.
  const resourcesDir = options.resourcesDir ?? join(__dirname, '..', '..', 'resources')
  const core = createCore({ home, appRoot, ...options, resourcesDir })
  cores.push(core)
  return {
    core,
    home,
    appRoot,
    builtin: join(appRoot, 'skills'),
    async call(route, input = {}) {
      const result = await core.invoke(route, input)
      if (!result.ok) throw new Error(`${route} failed: ${result.error.code} ${result.error.message}`)
      return result.data as never
    },
    raw: (route, input = {}) => core.invoke(route, input),
  }
}
