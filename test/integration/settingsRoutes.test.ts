import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { writeRunningInstance } from '../../src-main/core/app'
import { makeCore } from '../support/core'
import { writeTree } from '../support/fs'
import { MemorySecretStore } from '../support/memorySecrets'

const weatherSkill = [
  '---',
  'name: weather',
  'description: Forecasts for a city.',
  'metadata:',
  '  skilldock:',
  '    credentials:',
  '      - {name: WEATHER_API_KEY, description: "Key from weather.example", required: true}',
  '      - {name: WEATHER_REGION, description: "Default region", required: false}',
  '---',
  '# Weather',
  '',
].join('\n')

describe('settings routes', () => {
  it('app.paths names the folders of the data home', async () => {
    const { call, home } = makeCore({ indexOnStart: false })
    expect(await call('app.paths')).toEqual({
      home,
      library: join(home, 'skills'),
      drafts: join(home, 'drafts'),
      sources: join(home, 'sources'),
      logs: join(home, 'logs'),
      database: join(home, 'skilldock.db'),
      settings: join(home, 'settings.json'),
    })
  })

  it('mcp.endpoint reports the running instance’s URL, or the default one as not running', async () => {
    const { call, home } = makeCore({ indexOnStart: false })
    expect(await call('mcp.endpoint')).toEqual({
      url: 'http://127.0.0.1:7545/mcp',
      running: false,
      port: null,
    })
    writeRunningInstance(home, { port: 41234, pid: process.pid, mcpUrl: 'http://127.0.0.1:41234/mcp' })
    expect(await call('mcp.endpoint')).toEqual({
      url: 'http://127.0.0.1:41234/mcp',
      running: true,
      port: 41234,
    })
  })

  it('announces every audit line as activity.appended, without argument values', async () => {
    const test = makeCore()
    writeTree(test.builtin, { 'weather/SKILL.md': weatherSkill })
    await test.call('skills.reindex')
    const seen: unknown[] = []
    test.core.events.on('activity.appended', (payload) => seen.push(payload))
    await test.call('skills.setEnabled', { name: 'weather', enabled: false })
    expect(seen).toContainEqual({ action: 'skill.disable', skill: 'weather' })
    const { entries } = await test.call('activity.list', { skill: 'weather' })
    expect(entries[0]?.action).toBe('skill.disable')
  })

  it('secrets.declared on an unknown skill says it was not found', async () => {
    const { raw } = makeCore({ indexOnStart: false })
    const result = await raw('secrets.declared', { skill: 'no-such-skill' })
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })
  })
})

describe('secrets.declared with stored credentials', () => {
  it('lists the declared credentials with whether each is stored, never a value', async () => {
    const secrets = new MemorySecretStore()
    const test = makeCore({ secrets })
    writeTree(test.builtin, { 'weather/SKILL.md': weatherSkill })
    await test.call('skills.reindex')

    expect(await test.call('secrets.declared', { skill: 'weather' })).toEqual([
      { name: 'WEATHER_API_KEY', required: true, description: 'Key from weather.example', stored: false },
      { name: 'WEATHER_REGION', required: false, description: 'Default region', stored: false },
    ])
    await test.call('secrets.set', { skill: 'weather', name: 'WEATHER_API_KEY', value: 'wx-secret-value' })
    const declared = await test.call('secrets.declared', { skill: 'weather' })
    expect(declared.map((need) => [need.name, need.stored])).toEqual([
      ['WEATHER_API_KEY', true],
      ['WEATHER_REGION', false],
    ])
    expect(JSON.stringify(declared)).not.toContain('wx-secret-value')
    await test.call('secrets.delete', { skill: 'weather', name: 'WEATHER_API_KEY' })
  })
})
