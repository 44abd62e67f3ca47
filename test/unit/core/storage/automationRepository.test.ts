import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AutomationRepository } from '../../../../src-main/core/storage/automationRepository'
import { type Db, openDatabase } from '../../../../src-main/core/storage/database'
import { tempDir } from '../../../support/fs'

const T0 = '2030-01-01T00:00:00.000Z'
const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString()

const open: Db[] = []
afterEach(() => {
  for (const db of open.splice(0)) db.close()
})

/** Two connections to one database file, as the app and `skilldock serve` have. */
function twoProcesses() {
  const file = join(tempDir('skilldock-automation-db-'), 'skilldock.db')
  const a = openDatabase({ file })
  const b = openDatabase({ file })
  open.push(a, b)
  return { app: new AutomationRepository(a), serve: new AutomationRepository(b) }
}

function enqueue(repo: AutomationRepository, id: string) {
  repo.enqueue(
    {
      id,
      skill: 'text-stats',
      tool: 'top_words',
      arguments: {},
      key: null,
      maxAttempts: 3,
      runAt: T0,
      origin: 'job',
      scheduleId: null,
    },
    T0,
  )
}

describe('the job queue shared by two processes', () => {
  it('gives each due job to one worker only', () => {
    const { app, serve } = twoProcesses()
    enqueue(app, 'j1')
    enqueue(app, 'j2')
    const first = app.claimNext('app', at(1), at(2))
    const second = serve.claimNext('serve', at(1), at(2))
    expect([first?.id, second?.id].sort()).toEqual(['j1', 'j2'])
    expect(first).toMatchObject({ state: 'running', attempts: 1 })
    expect(app.claimNext('app', at(1), at(2))).toBeNull()
    expect(serve.claimNext('serve', at(1), at(2))).toBeNull()
  })

  it('lets only the worker holding the lease end the attempt', () => {
    const { app, serve } = twoProcesses()
    enqueue(app, 'j1')
    app.claimNext('app', at(1), at(2))
    expect(serve.finish('j1', 'serve', 'succeeded', null, null, at(1))).toBe(false)
    expect(serve.retryAt('j1', 'serve', at(5), 'boom', at(1))).toBe(false)
    expect(app.finish('j1', 'app', 'succeeded', null, null, at(1))).toBe(true)
    expect(serve.job('j1')).toMatchObject({ state: 'succeeded', attempts: 1 })
  })

  it('queues a running job again only when its lease ran out, or when its own worker gives it back', () => {
    const { app, serve } = twoProcesses()
    enqueue(app, 'j1')
    enqueue(app, 'j2')
    const appJob = app.claimNext('app', at(0), at(2))!.id
    const serveJob = serve.claimNext('serve', at(0), at(2))!.id
    // Both leases hold: nothing is taken from a live worker.
    expect(serve.requeueAbandoned(at(1))).toEqual([])
    // The app renews; the serve process does not (it died), so only its job is queued again.
    app.renewLeases('app', at(4))
    expect(app.requeueAbandoned(at(3))).toEqual([serveJob])
    expect(app.jobs('running').map((j) => j.id)).toEqual([appJob])
    // The app shuts down and gives back what it holds.
    expect(app.requeueAbandoned(at(3), 'app')).toEqual([appJob])
    expect(app.jobs('pending')).toHaveLength(2)
  })

  it('lets one process take each firing of a schedule', () => {
    const { app, serve } = twoProcesses()
    app.addSchedule({
      id: 's1',
      skill: 'text-stats',
      tool: 'top_words',
      arguments: {},
      everySeconds: 3600,
      at: null,
      nextRunAt: at(60),
      createdAt: T0,
    })
    const [dueForApp] = app.dueSchedules(at(61))
    const [dueForServe] = serve.dueSchedules(at(61))
    expect(app.markFired('s1', dueForApp!.nextRunAt!, at(61), at(121))).toBe(true)
    expect(serve.markFired('s1', dueForServe!.nextRunAt!, at(61), at(121))).toBe(false)
    expect(serve.schedule('s1')).toMatchObject({ lastRunAt: at(61), nextRunAt: at(121), lastOutcome: null })
  })
})
