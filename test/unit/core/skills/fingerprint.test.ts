import { mkdirSync, symlinkSync, writeFileSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { fingerprintFolder, scanSkillFolder } from '../../../../src-main/core/skills/fingerprint'
import { tempDir, writeTree } from '../../../support/fs'

const sha = (text: string) => createHash('sha256').update(text).digest('hex')

describe('fingerprintFolder', () => {
  it('is sha256 over the sorted path:sha256 lines', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 'a', 'scripts/run.sh': 'b', 'b.txt': 'c' })
    const lines = [`SKILL.md:${sha('a')}`, `b.txt:${sha('c')}`, `scripts/run.sh:${sha('b')}`].join('\n')
    expect(fingerprintFolder(dir)).toBe(`sha256:${sha(lines)}`)
  })

  it('is the same for the same content in another place, and differs when one byte changes', () => {
    const a = writeTree(tempDir(), { 'SKILL.md': 'same', 'x/y.txt': 'data' })
    const b = writeTree(tempDir(), { 'x/y.txt': 'data', 'SKILL.md': 'same' })
    expect(fingerprintFolder(a)).toBe(fingerprintFolder(b))
    writeFileSync(join(b, 'x/y.txt'), 'datA')
    expect(fingerprintFolder(a)).not.toBe(fingerprintFolder(b))
  })

  it('changes when a file is renamed even if contents are equal', () => {
    const a = writeTree(tempDir(), { 'SKILL.md': 's', 'one.txt': 'x' })
    const b = writeTree(tempDir(), { 'SKILL.md': 's', 'two.txt': 'x' })
    expect(fingerprintFolder(a)).not.toBe(fingerprintFolder(b))
  })

  it('ignores .DS_Store that Finder drops into folders', () => {
    const a = writeTree(tempDir(), { 'SKILL.md': 's' })
    const before = fingerprintFolder(a)
    writeTree(a, { '.DS_Store': 'mac' })
    expect(fingerprintFolder(a)).toBe(before)
  })

  it('counts __pycache__ bytecode: Python could run it instead of the scanned source', () => {
    const a = writeTree(tempDir(), { 'SKILL.md': 's' })
    const before = fingerprintFolder(a)
    writeTree(a, { '__pycache__/skill.cpython-311.pyc': 'bytecode' })
    expect(fingerprintFolder(a)).not.toBe(before)
  })

  it('rejects a symlink to a file outside the folder instead of following it', () => {
    const outside = writeTree(tempDir(), { 'secret.txt': 'do not read' })
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'notes.txt'))
    expect(() => fingerprintFolder(dir)).toThrow(/notes\.txt .* is a symbolic link/)
    try {
      scanSkillFolder(dir)
    } catch (err) {
      expect((err as { code: string }).code).toBe('INVALID_SKILL')
    }
  })

  it('rejects a symlinked directory too', () => {
    const outside = writeTree(tempDir(), { 'a.txt': 'x' })
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    symlinkSync(outside, join(dir, 'refs'))
    expect(() => scanSkillFolder(dir)).toThrow(/refs .* symbolic link/)
  })

  it('rejects special files such as a named pipe', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    execFileSync('mkfifo', [join(dir, 'pipe')])
    expect(() => scanSkillFolder(dir)).toThrow(/not a regular file/)
  })

  it('refuses folders over the file limit', () => {
    const dir = tempDir()
    mkdirSync(join(dir, 'many'))
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, 'many', `${i}.txt`), 'x')
    expect(() => scanSkillFolder(dir, { limits: { maxFiles: 5, maxBytes: 1e9, maxDepth: 5 } })).toThrow(
      /more than 5 files/,
    )
  })

  it('gives a new stat signature when a file is touched, though the fingerprint stays', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    const scan1 = scanSkillFolder(dir)
    const fp1 = fingerprintFolder(dir, scan1)
    utimesSync(join(dir, 'SKILL.md'), new Date(2001, 1, 1), new Date(2001, 1, 1))
    const scan2 = scanSkillFolder(dir)
    expect(scan2.statSignature).not.toBe(scan1.statSignature)
    expect(fingerprintFolder(dir, scan2)).toBe(fp1)
  })
})
