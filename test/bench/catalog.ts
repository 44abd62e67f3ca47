import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import Database from 'better-sqlite3'
import { type Core, createCore } from '../../src-main/core/app'
import { startServer } from '../../src-main/http/server'
import { generateSkills, skillName, WORDS } from './generate'
import { budgetMs, counts, type Figure, percentile, round, sample, time } from './measure'

const root = resolve(__dirname, '..', '..')

async function invoke(core: Core, route: string, input: unknown = {}): Promise<unknown> {
  const r = await core.invoke(route, input)
  if (!r.ok) throw new Error(`${route}: ${r.error.message}`)
  return r.data
}

/** Reads every SKILL.md and stats every file under the skill folders: the least any index must do. */
function walk(dir: string, read: boolean): number {
  let files = 0
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue
    const folder = join(dir, name)
    for (const entry of readdirSync(folder, { recursive: true }) as string[]) {
      const path = join(folder, entry)
      const stat = statSync(path)
      if (stat.isFile()) files++
      if (read && entry === 'SKILL.md') readFileSync(path, 'utf8')
    }
  }
  return files
}

/** Cold index, one-change re-index and search over `counts.catalogSkills` generated library skills. */
export async function measureCatalog(home: string, appRoot: string): Promise<Figure[]> {
  const n = counts.catalogSkills
  const core = createCore({ home, appRoot, indexOnStart: false })
  try {
    generateSkills(core.paths.library, n)
    const rawRead = await time(() => walk(core.paths.library, true))
    const cold = await time(() => invoke(core, 'skills.reindex'))
    const figures: Figure[] = [
      {
        group: 'catalog scale',
        name: `cold index of ${n} skills`,
        value: round(cold.ms / 1000, 3),
        unit: 's',
        reference: {
          name: 'reading every SKILL.md and stat of every file',
          value: round(rawRead.ms / 1000, 3),
        },
        goal: { text: 'goal ≤ 10 s', met: cold.ms <= 10_000 },
      },
    ]

    const target = join(core.paths.library, skillName(Math.floor(n / 2)), 'SKILL.md')
    writeFileSync(target, readFileSync(target, 'utf8').replace('Helps with', 'Now helps with'))
    const rawStat = await time(() => walk(core.paths.library, false))
    const one = await time(() => invoke(core, 'skills.reindex'))
    figures.push({
      group: 'catalog scale',
      name: `re-index with one of ${n} skills changed`,
      value: round(one.ms, 1),
      unit: 'ms',
      reference: { name: 'stat of every file', value: round(rawStat.ms, 1) },
      goal: { text: 'goal ≤ 500 ms', met: one.ms <= 500 },
    })

    const queries = Array.from({ length: counts.queries }, (_, i) =>
      i % 3 === 0 ? WORDS[i % WORDS.length]! : `${WORDS[i % WORDS.length]} ${WORDS[(i * 13) % WORDS.length]}`,
    )
    const search = await sample(
      queries.length,
      (i) => invoke(core, 'skills.search', { query: queries[i] }),
      budgetMs,
    )
    const db = new Database(core.paths.database, { readonly: true })
    const fts = db.prepare('SELECT rowid FROM skills_fts WHERE skills_fts MATCH ? LIMIT 20')
    const raw = await sample(search.length, (i) =>
      fts.all(
        queries[i]!.split(' ')
          .map((w) => `"${w}"`)
          .join(' OR '),
      ),
    )
    db.close()
    for (const p of [50, 95]) {
      figures.push({
        group: 'catalog scale',
        name: `search p${p} over ${search.length} queries (${n} skills)`,
        value: round(percentile(search, p), 3),
        unit: 'ms',
        reference: { name: `bare FTS5 MATCH p${p}`, value: round(percentile(raw, p), 3) },
        goal: p === 95 ? { text: 'goal ≤ 5 ms', met: percentile(search, p) <= 5 } : undefined,
      })
    }
    return figures
  } finally {
    await core.dispose()
  }
}

/**
 * MCP `tools/list` for a direct-mode client with `counts.activeSkills` usable skills of five cached
 * tools each, against the same request from a catalog-mode client (five fixed tools).
 */
export async function measureToolsList(home: string, appRoot: string): Promise<Figure[]> {
  const k = counts.activeSkills
  generateSkills(join(appRoot, 'skills'), k, { tools: 5, server: true })
  const core = createCore({ home, appRoot, indexOnStart: true, resourcesDir: join(root, 'resources') })
  const clients: Client[] = []
  const server = await startServer({ core, port: 0, uiDir: null })
  try {
    const db = new Database(core.paths.database)
    const insert = db.prepare(
      'INSERT INTO skill_tools (skill_id, name, description, input_schema_json, updated_at) ' +
        "SELECT id, ?, ?, ?, '2026-01-01T00:00:00Z' FROM skills WHERE name = ?",
    )
    db.transaction(() => {
      for (let i = 0; i < k; i++) {
        for (let t = 0; t < 5; t++) {
          const schema = { type: 'object', properties: { text: { type: 'string', description: 'input' } } }
          insert.run(`tool_${t}`, `Tool ${t} of ${skillName(i)}.`, JSON.stringify(schema), skillName(i))
        }
      }
    })()
    db.close()
    const client = async (name: string, mode: 'direct' | 'catalog') => {
      const { token } = (await invoke(core, 'clients.add', { name, mode })) as { token: string }
      const c = new Client({ name, version: '1' }, { capabilities: {} })
      await c.connect(
        new StreamableHTTPClientTransport(new URL(server.mcpUrl), {
          requestInit: { headers: { Authorization: `Bearer ${token}` } },
        }),
      )
      clients.push(c)
      return c
    }
    const direct = await client('bench-direct', 'direct')
    const catalog = await client('bench-catalog', 'catalog')
    const listed = (await direct.listTools()).tools.length
    const runs = 100
    await sample(10, () => catalog.listTools())
    const ref = await sample(runs, () => catalog.listTools())
    const ms = await sample(runs, () => direct.listTools(), budgetMs)
    return [50, 95].map((p) => ({
      group: 'catalog scale',
      name: `tools/list p${p} over ${ms.length} lists, ${k} active skills (${listed} tools)`,
      value: round(percentile(ms, p), 2),
      unit: 'ms',
      reference: {
        name: `tools/list p${p} of a catalog-mode client (5 tools)`,
        value: round(percentile(ref, p), 2),
      },
      goal: p === 95 ? { text: 'goal ≤ 20 ms', met: percentile(ms, p) <= 20 } : undefined,
    }))
  } finally {
    for (const c of clients) await c.close().catch(() => undefined)
    await server.close()
    await core.dispose()
  }
}
