import type { Handlers } from '../dispatch'
import type { ActivityLog } from './activityLog'

type ActivityRouteName = 'activity.list' | 'metrics.tools' | 'metrics.series'

/** The audit trail and the tool-call metrics, read-only. */
export function createActivityModule(activity: ActivityLog): { handlers: Pick<Handlers, ActivityRouteName> } {
  const handlers: Pick<Handlers, ActivityRouteName> = {
    'activity.list': (query) => activity.list(query),
    'metrics.tools': (query) => activity.tools(query),
    'metrics.series': (query) => activity.series(query),
  }
  return { handlers }
}
