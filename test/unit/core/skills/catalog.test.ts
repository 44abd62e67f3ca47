import { writeFileSync, rmSync, utimesSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../../../support/core'
import { tempDir, writeSkill } from '../../../support/fs'

function appWithBuiltins(): string {
  const appRoot = tempDir('skilldock-app-')
  const skills = join(appRoot, 'skills')
  writeSkill(skills, 'csv-profiler', 'Profiles CSV files: column types, nulls and ranges.', {
    'skill.py': 'print(1)\n',
  })
  writeSkill(skills, 'text-stats', 'Counts words and sentences in text.')
  writeSkill(
    skills,
    'gh-helper',
    'Helps with GitHub pull requests.',
    {},
    'metadata:\n  openclaw:\n    requires:\n      bins: ["definitely-not-installed-xyz"]\n',
  )
  return appRoot
}

describe('SkillCatalog', () => {
  it('indexes bundled skills as builtin with eligibility and reasons', async () => {
    const t = makeCore({ appRoot: appWithBuiltins() })
    const skills = await t.call('skills.list')
    expect(skills.map((s) => s.name)).toEqual(['csv-profiler', 'gh-helper', 'text-stats'])
    expect(skills.every((s) => s.state === 'builtin' && s.origin === 'builtin')).toBe(true)
    const gh = skills.find((s) => s.name === 'gh-helper')!
    expect(gh.eligible).toBe(false)
    expect(gh.ineligibleReasons).toEqual(['needs `definitely-not-installed-xyz` on PATH'])
    expect(skills.find((s) => s.name === 'csv-profiler')).toMatchObject({ eligible: true, hasServer: true })
  })

  it('re-indexes incrementally: unchanged skills are skipped, a changed one is re-read', async () => {
    const t = makeCore({ appRoot: appWithBuiltins() })
    expect(await t.call('skills.reindex')).toMatchObject({ scanned: 3, unchanged: 3, added: 0, updated: 0 })

    // Touching a file without changing it: the stat signature changes, the fingerprint does not.
    const md = join(t.builtin, 'text-stats', 'SKILL.md')
    utimesSync(md, new Date(2020, 1, 1), new Date(2020, 1, 1))
    expect(await t.call('skills.reindex')).toMatchObject({ unchanged: 3, updated: 0 })

    writeFileSync(md, readFileSync(md, 'utf8').replace('Counts words', 'Counts words, syllables'))
    const stats = await t.call('skills.reindex')
    expect(stats).toMatchObject({ scanned: 3, updated: 1, unchanged: 2, added: 0, removed: 0 })
    expect((await t.call('skills.get', { name: 'text-stats' })).description).toContain('syllables')

    rmSync(join(t.builtin, 'gh-helper'), { recursive: true })
    writeSkill(t.builtin, 'unit-converter', 'Converts units.')
    expect(await t.call('skills.reindex')).toMatchObject({ added: 1, removed: 1, unchanged: 2 })
    expect((await t.call('skills.list')).map((s) => s.name)).toEqual([
      'csv-profiler',
      'text-stats',
      'unit-converter',
    ])
  })

  it('keeps an invalid skill visible with its errors, and refuses to enable it', async () => {
    const appRoot = tempDir()
    writeSkill(join(appRoot, 'skills'), 'broken', '')
    const t = makeCore({ appRoot })
    const [broken] = await t.call('skills.list')
    expect(broken).toMatchObject({ name: 'broken', valid: false })
    const detail = await t.call('skills.get', { name: 'broken' })
    expect(detail.errors.map((e) => e.code)).toContain('DESCRIPTION_MISSING')
    await t.call('skills.setEnabled', { name: 'broken', enabled: false })
    const result = await t.raw('skills.setEnabled', { name: 'broken', enabled: true })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_SKILL' } })
  })

  it('records a folder containing a symlink as invalid instead of following it', async () => {
    const appRoot = tempDir()
    const dir = writeSkill(join(appRoot, 'skills'), 'linky', 'Has a link.')
    const outside = join(tempDir(), 'secret.txt')
    writeFileSync(outside, 'secret')
    const { symlinkSync } = await import('node:fs')
    symlinkSync(outside, join(dir, 'secret.txt'))
    const t = makeCore({ appRoot })
    const detail = await t.call('skills.get', { name: 'linky' })
    expect(detail.valid).toBe(false)
    expect(detail.fingerprint).toBeNull()
    expect(detail.errors[0]).toMatchObject({ code: 'FOLDER_INVALID' })
    expect(detail.errors[0]!.message).toMatch(/symbolic link/)
  })

  it('ranks search results by relevance: name beats description beats instructions', async () => {
    const appRoot = tempDir()
    const skills = join(appRoot, 'skills')
    writeSkill(skills, 'notes-helper', 'Organises notes.', {}, '')
    writeFileSync(
      join(skills, 'notes-helper', 'SKILL.md'),
      '---\nname: notes-helper\ndescription: Organises notes.\n---\nWorks with csv exports too.\n',
    )
    writeSkill(skills, 'data-tools', 'Reads CSV files and spreadsheets.')
    writeSkill(skills, 'csv-profiler', 'Profiles tabular files.')
    const t = makeCore({ appRoot })
    const hits = await t.call('skills.search', { query: 'csv' })
    expect(hits.map((h) => h.name)).toEqual(['csv-profiler', 'data-tools', 'notes-helper'])
    expect(hits[0]!.score).toBeGreaterThan(hits[2]!.score)
    expect(await t.call('skills.search', { query: '"); DROP TABLE skills; --' })).toEqual([])
    expect((await t.call('skills.list', { query: 'spreadsheets' })).map((s) => s.name)).toEqual([
      'data-tools',
    ])
  })

  it('enables and disables, audits the change and emits skills.changed', async () => {
    const t = makeCore({ appRoot: appWithBuiltins() })
    const seen: string[][] = []
    t.core.events.on('skills.changed', (e) => seen.push(e.names))
    expect(await t.call('skills.setEnabled', { name: 'text-stats', enabled: false })).toMatchObject({
      state: 'disabled',
    })
    expect(await t.call('skills.setEnabled', { name: 'text-stats', enabled: true })).toMatchObject({
      state: 'builtin',
    })
    expect(seen).toEqual([['text-stats'], ['text-stats']])
    expect(await t.raw('skills.setEnabled', { name: 'nope', enabled: true })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })

  it('prints the available_skills block for usable skills only, escaped', async () => {
    const appRoot = appWithBuiltins()
    writeSkill(join(appRoot, 'skills'), 'escaper', 'Handles "quotes" & ampersands.')
    const t = makeCore({ appRoot })
    await t.call('skills.setEnabled', { name: 'text-stats', enabled: false })
    const { xml } = await t.call('skills.prompt')
    expect(xml).toMatch(/^<available_skills>\n/)
    expect(xml).toContain('<name>csv-profiler</name>')
    expect(xml).toContain(`<location>${join(t.builtin, 'csv-profiler', 'SKILL.md')}</location>`)
    expect(xml).toContain('Handles &quot;quotes&quot; &amp; ampersands.')
    expect(xml).not.toContain('text-stats') // disabled
    expect(xml).not.toContain('gh-helper') // ineligible
  })

  it('rejects bad route input with INVALID_INPUT', async () => {
    const t = makeCore({ appRoot: appWithBuiltins() })
    expect(await t.raw('skills.get', {})).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await t.raw('skills.list', { state: 'bogus' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    })
    expect(await t.core.invoke('no.such.route', {})).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    })
  })
})
