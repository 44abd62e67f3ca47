import type { Handlers } from '../dispatch'
import type { CallPipeline } from '../policy/callPipeline'
import type { SkillRuntime } from './skillRuntime'

type RuntimeRouteName =
  'runtime.tools' | 'runtime.call' | 'runtime.status' | 'runtime.start' | 'runtime.stop' | 'runtime.logs'

/** The skill servers' routes. Calls go through the policy pipeline as the user, like any client's. */
export function runtimeRoutes(deps: {
  runtime: SkillRuntime
  calls: CallPipeline
}): Pick<Handlers, RuntimeRouteName> {
  const { runtime, calls } = deps
  return {
    'runtime.tools': ({ name, refresh }) => runtime.tools(name, refresh),
    'runtime.call': (input) =>
      calls.call({
        skill: input.name,
        tool: input.tool,
        args: input.arguments ?? {},
        client: 'user',
        origin: 'user',
      }),
    'runtime.status': ({ name }) => runtime.status(name),
    'runtime.start': ({ name }) => runtime.start(name),
    'runtime.stop': ({ name }) => runtime.stop(name),
    'runtime.logs': ({ name, lines }) => runtime.logs(name, lines),
  }
}
