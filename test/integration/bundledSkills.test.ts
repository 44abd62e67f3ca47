import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import type { ToolCallResult } from '../../src-main/contract/models'
import { cli, cliCall } from '../support/cli'
import { makeCore } from '../support/core'
import { tempDir } from '../support/fs'

const root = resolve(__dirname, '../..')
const withServer = readdirSync(join(root, 'skills')).filter((n) =>
  existsSync(join(root, 'skills', n, 'skill.py')),
)
const text = (r: ToolCallResult) => r.content.map((c) => String(c.text ?? '')).join('')

function gitRepo(): string {
  const dir = tempDir('skilldock-git-')
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Ada', '-c', 'user.email=ada@example.com', '-C', dir, ...args], {
      encoding: 'utf8',
    })
  git('init', '--quiet')
  writeFileSync(join(dir, 'a.txt'), 'one\n')
  git('add', '.')
  git('commit', '--quiet', '-m', 'First commit')
  writeFileSync(join(dir, 'a.txt'), 'two\n')
  git('commit', '--quiet', '-am', 'Second change to a')
  return dir
}

describe('bundled skills run on the kit', () => {
  const t = () => makeCore({ appRoot: root })

  it('has at least four skills with a server', () => {
    expect(withServer.length).toBeGreaterThanOrEqual(4)
  })

  for (const name of withServer) {
    it(`${name} passes skilldock test (manifest, syntax, handshake, declared tools, examples)`, async () => {
      const report = await t().call('skills.test', { name })
      const failed = report.checks.filter((c) => c.status === 'fail')
      expect(failed).toEqual([])
      expect(report.passed).toBe(true)
      expect(report.checks.find((c) => c.id === 'declared')?.status).toBe('pass')
      expect(report.checks.filter((c) => c.id.startsWith('example-')).length).toBeGreaterThan(0)
    })
  }

  it('git-history reads a real repository', async () => {
    const core = t()
    const repo = gitRepo()
    const recent = await core.call('runtime.call', {
      name: 'git-history',
      tool: 'recent_commits',
      arguments: { repo_path: repo },
    })
    expect(recent.isError).toBeFalsy()
    expect(text(recent)).toContain('Second change to a')
    expect(text(recent)).toContain('First commit')
    const summary = await core.call('runtime.call', {
      name: 'git-history',
      tool: 'summarize_history',
      arguments: { repo_path: repo },
    })
    expect(text(summary)).toContain('Ada')
    expect(text(summary)).toContain('a.txt')
  })

  it('sqlite-reader describes a real table read-only', async () => {
    const file = join(tempDir(), 'shop.db')
    const db = new Database(file)
    db.exec(
      "CREATE TABLE orders (id INTEGER PRIMARY KEY, item TEXT NOT NULL, qty INTEGER); INSERT INTO orders (item, qty) VALUES ('tea', 2)",
    )
    db.close()
    const core = t()
    const described = await core.call('runtime.call', {
      name: 'sqlite-reader',
      tool: 'describe_table',
      arguments: { path: file, table: 'orders' },
    })
    expect(text(described)).toContain('item')
    expect(text(described)).toContain('tea')
    const refused = await core.call('runtime.call', {
      name: 'sqlite-reader',
      tool: 'query',
      arguments: { path: file, sql: 'DROP TABLE orders' },
    })
    expect(refused.isError).toBe(true)
    expect(new Database(file).prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 1 })
  })

  it('skilldock call prints the result, and tools lists the schemas', async () => {
    const home = tempDir()
    const call = await cliCall(home, 'unit-converter', 'convert', {
      value: 1.5,
      from_unit: 'km',
      to_unit: 'm',
    })
    expect(call.code).toBe(0)
    expect(call.stdout).toContain('1500')
    const tools = await cli(['--home', home, 'tools', 'unit-converter', '--json'])
    const list = tools.json() as { name: string; inputSchema: { properties: Record<string, unknown> } }[]
    expect(list.map((x) => x.name).sort()).toEqual(['convert', 'list_units'])
    expect(Object.keys(list.find((x) => x.name === 'convert')!.inputSchema.properties)).toEqual([
      'value',
      'from_unit',
      'to_unit',
    ])
    const bad = await cliCall(home, 'unit-converter', 'convert', { value: 1, from_unit: 'km', to_unit: 'kg' })
    expect(bad.code).toBe(1)
    expect(bad.stderr).toMatch(/^error: /)
    const test = await cli(['--home', home, 'test', 'text-stats'])
    expect(test.code).toBe(0)
    expect(test.stdout).toContain('all checks passed')
  })
})
