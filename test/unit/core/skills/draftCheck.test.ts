import { readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../../../support/core'
import { tempDir, writeSkill } from '../../../support/fs'

const scratchCopies = () => readdirSync(tmpdir()).filter((name) => name.startsWith('skilldock-check-'))

describe('files.check: the editor’s checks of unsaved text', () => {
  it('reports a Python syntax error at its line as a problem, not a security finding, and saves nothing', async () => {
    const t = makeCore()
    await t.call('files.create', { name: 'typed', withServer: true })
    const saved = readFileSync(join(t.home, 'drafts', 'typed', 'skill.py'), 'utf8')
    const before = scratchCopies().length

    const check = await t.call('files.check', {
      name: 'typed',
      files: [{ path: 'skill.py', content: `${saved}\ndef broken(:\n    pass\n` }],
    })
    const line = `${saved}\n`.split('\n').length
    expect(check.problems).toEqual([
      { file: 'skill.py', line, message: expect.stringMatching(/^Python cannot read this file/) },
    ])
    expect(check.findings.map((finding) => finding.rule)).not.toContain('py.syntax-error')
    expect(readFileSync(join(t.home, 'drafts', 'typed', 'skill.py'), 'utf8')).toBe(saved)
    // The scratch copy scanned is gone again.
    expect(scratchCopies().length).toBe(before)
  })

  it('scans the text as typed for security findings and reports JSON syntax errors', async () => {
    const t = makeCore()
    const src = writeSkill(tempDir(), 'plain', 'A plain skill.', { 'skill.py': 'x = 1\n' })
    await t.call('skills.add', { path: src })

    const clean = await t.call('files.check', { name: 'plain', files: [] })
    expect(clean).toEqual({ problems: [], findings: [] })

    const check = await t.call('files.check', {
      name: 'plain',
      files: [
        { path: 'skill.py', content: 'import subprocess\nsubprocess.run(["rm", "-rf", "/"])\n' },
        { path: 'examples.json', content: '[{"tool": "x",\n}]' },
      ],
    })
    expect(check.findings.some((finding) => finding.file === 'skill.py' && finding.line === 2)).toBe(true)
    expect(check.problems).toEqual([
      { file: 'examples.json', line: 2, message: expect.stringMatching(/^This is not valid JSON/) },
    ])
  })

  it('refuses a path outside the skill folder', async () => {
    const t = makeCore()
    await t.call('files.create', { name: 'typed' })
    const result = await t.raw('files.check', {
      name: 'typed',
      files: [{ path: '../escape.py', content: 'x = 1\n' }],
    })
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
  })
})
