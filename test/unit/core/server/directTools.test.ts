import { describe, expect, it } from 'vitest'
import { silentLogger } from '../../../../src-main/core/base/logger'
import {
  directToolName,
  directToolTable,
  skillMayClaim,
  TOOL_NAME,
  ToolWarmer,
} from '../../../../src-main/core/server/directTools'

const tool = (name: string) => ({ name, description: `${name} tool`, inputSchema: { type: 'object' } })

describe('direct-mode tool names', () => {
  it('joins skill and tool with __ and keeps to the client name rules', () => {
    expect(directToolName('unit-converter', 'convert')).toBe('unit-converter__convert')
    expect(directToolName('web', 'fetch.page v2')).toBe('web__fetch_page_v2')
    const long = directToolName('a'.repeat(60), 'b'.repeat(30))
    expect(long).toMatch(TOOL_NAME)
    expect(long.length).toBe(64)
    expect(directToolName('a'.repeat(60), 'c'.repeat(30))).not.toBe(long)
  })

  it('refuses every claimant of a colliding name instead of letting one shadow another', () => {
    const table = directToolTable(
      [
        { name: 'a', tools: [tool('b.c'), tool('ok')] },
        { name: 'a', tools: [] },
        { name: 'x', tools: [tool('y')] },
        { name: 'skills', tools: [tool('search')] },
        { name: 'a', tools: [tool('b_c')] },
      ],
      new Set(['skills__search']),
    )
    expect([...table.tools.keys()].sort()).toEqual(['a__ok', 'x__y'])
    expect(table.collisions).toEqual([
      { name: 'a__b_c', claimants: ['a/b.c', 'a/b_c'] },
      { name: 'skills__search', claimants: ['skills/search', 'SkillDock'] },
    ])
  })
})

describe('the tool warmer', () => {
  it('starts each cold skill once, one at a time, and tells listeners when tools arrived', async () => {
    const started: string[] = []
    let running = 0
    let maxRunning = 0
    const warmer = new ToolWarmer({
      refresh: async (skill) => {
        started.push(skill)
        maxRunning = Math.max(maxRunning, ++running)
        await new Promise((r) => setTimeout(r, 10))
        running--
        if (skill === 'broken') throw new Error('no python')
        return skill === 'empty' ? [] : [tool('t')]
      },
      logger: silentLogger,
    })
    const warmed: string[] = []
    const done = new Promise<void>((resolve) =>
      warmer.onWarmed((skill) => {
        warmed.push(skill)
        if (skill === 'b') resolve()
      }),
    )
    warmer.warm(['a', 'broken', 'empty', 'b'])
    warmer.warm(['a', 'b'])
    await done
    expect(started).toEqual(['a', 'broken', 'empty', 'b'])
    expect(warmed).toEqual(['a', 'b'])
    expect(maxRunning).toBe(1)
    warmer.forget('a')
    warmer.warm(['a'])
    await expect.poll(() => started).toEqual(['a', 'broken', 'empty', 'b', 'a'])
  })

  it('resolves a warm-up once every skill asked for was tried, a failing one included, and never retries it', async () => {
    const recorded = new Set<string>()
    let starts = 0
    const warmer = new ToolWarmer({
      refresh: async (skill) => {
        starts++
        await new Promise((r) => setTimeout(r, 5))
        if (skill === 'broken') throw new Error('no python')
        recorded.add(skill)
        return [tool('t')]
      },
      logger: silentLogger,
    })
    await warmer.warm(['a', 'broken', 'b'])
    expect([...recorded].sort()).toEqual(['a', 'b'])
    await warmer.warm(['broken', 'a'])
    expect(starts).toBe(3)
  })
})

describe('which skill may own a direct tool name', () => {
  it('is every skill whose tools would get names with that prefix, long and odd names included', () => {
    const long = 'a-skill-with-a-very-long-name-that-fills-most-of-the-limit'
    for (const [skill, tool] of [
      ['echo', 'echo'],
      ['my.skill', 'run'],
      [long, 'a-tool-whose-name-pushes-it-past-64-characters'],
    ] as const) {
      expect(skillMayClaim(skill, directToolName(skill, tool))).toBe(true)
    }
    expect(skillMayClaim('echo', directToolName('echoes', 'x'))).toBe(false)
    expect(skillMayClaim('text-stats', 'unit-converter__convert')).toBe(false)
    // `a` tool `b__c` and `a__b` tool `c` share a name: each may own it.
    expect(skillMayClaim('a__b', directToolName('a', 'b__c'))).toBe(true)
  })
})
