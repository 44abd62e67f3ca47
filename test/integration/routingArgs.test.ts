import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RoutePlan, RouteRun } from '../../src-main/contract/routing'
import { cli } from '../support/cli'
import { tempDir } from '../support/fs'

/** `run … --args`: the person's argument names pick the tool that takes them (README example). */
describe('skilldock run with --args prefers the tool whose schema takes them', () => {
  it('"count the rows" with path and sql picks sqlite-reader/query and runs it on a real database', async () => {
    const home = tempDir('skilldock-home-')
    const db = join(tempDir(), 'app.db')
    execFileSync('python3', [
      '-c',
      'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("CREATE TABLE t (x)"); c.executemany("INSERT INTO t VALUES (?)", [(1,),(2,),(3,)]); c.commit()',
      db,
    ])
    const args = JSON.stringify({ path: db, sql: 'SELECT count(*) AS n FROM t' })
    const run = (...more: string[]) =>
      cli(['--home', home, '--json', 'run', 'count the rows', '--tag', 'sqlite', '--args', args, ...more])

    const plan = (await run()).json() as RoutePlan
    expect(plan.steps[0]).toMatchObject({ skill: 'sqlite-reader', tool: 'query', missing: [] })
    expect(plan.steps[0]!.reasons).toContain('tool query takes exactly the given arguments (path, sql)')

    const executed = await run('--execute')
    expect(executed.code).toBe(0)
    expect(JSON.stringify((executed.json() as RouteRun).result?.structuredContent)).toContain('3')
  }, 120_000)

  it('without --args the query alone still decides (no change for plain queries)', async () => {
    const home = tempDir('skilldock-home-')
    const plan = (
      await cli(['--home', home, '--json', 'run', 'list the tables', '--tag', 'sqlite'])
    ).json() as RoutePlan
    expect(plan.steps[0]).toMatchObject({ skill: 'sqlite-reader', tool: 'list_tables' })
  }, 120_000)
})
