import { execFileSync } from 'node:child_process'
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { inspectFolder } from '../../../../../src-main/core/trust/scanner/folderRules'
import { tempDir, writeTree } from '../../../../support/fs'

const elf = (): Buffer => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), Buffer.alloc(120)])
const zip = (): Buffer => Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(60)])
const byRule = (dir: string) =>
  Object.fromEntries(inspectFolder(dir).findings.map((f) => [`${f.rule} ${f.file}`, f.severity]))
const posix = process.platform !== 'win32'

describe('inspectFolder', () => {
  it('lists the regular files of a clean skill without findings', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's', 'skill.py': 'x = 1\n', '.gitignore': '*.tmp\n' })
    const result = inspectFolder(dir)
    expect(result.findings).toEqual([])
    expect(result.files.map((f) => f.path)).toEqual(['.gitignore', 'SKILL.md', 'skill.py'])
  })

  it('calls an ELF named .png disguised (CRITICAL) and a shared library a binary (HIGH)', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    mkdirSync(join(dir, 'assets'))
    writeFileSync(join(dir, 'assets/logo.png'), elf())
    writeFileSync(join(dir, 'libx.so'), elf())
    expect(byRule(dir)).toEqual({
      'folder.disguised assets/logo.png': 'CRITICAL',
      'folder.binary libx.so': 'HIGH',
    })
  })

  it('flags a text file that is a zip or a shebang script, and an archive as unscannable', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's', 'data.csv': '#!/bin/sh\necho hi\n' })
    writeFileSync(join(dir, 'notes.txt'), zip())
    writeFileSync(join(dir, 'bundle.zip'), zip())
    expect(byRule(dir)).toEqual({
      'folder.disguised data.csv': 'HIGH',
      'folder.disguised notes.txt': 'HIGH',
      'folder.archive bundle.zip': 'MEDIUM',
    })
  })

  it('flags a .png whose bytes are not a PNG at MEDIUM, and accepts a real one', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's', 'fake.png': 'not an image' })
    writeFileSync(join(dir, 'real.png'), Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'))
    expect(byRule(dir)).toEqual({ 'folder.disguised fake.png': 'MEDIUM' })
  })

  it('flags hidden files and folders but not .gitignore', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's', '.env': 'A=1', '.hidden/run.sh': 'echo' })
    expect(byRule(dir)).toEqual({
      'folder.hidden-file .env': 'MEDIUM',
      'folder.hidden-file .hidden': 'MEDIUM',
    })
  })

  it('flags files over 5 MiB', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    writeFileSync(join(dir, 'big.txt'), Buffer.alloc(5 * 1024 * 1024 + 1, 0x61))
    expect(byRule(dir)).toEqual({ 'folder.oversized big.txt': 'MEDIUM' })
  })

  it.runIf(posix)('allows the executable bit only on shebang scripts under scripts/', () => {
    const dir = writeTree(tempDir(), {
      'SKILL.md': 's',
      'scripts/ok.sh': '#!/bin/sh\necho\n',
      'notes.md': '# n',
    })
    chmodSync(join(dir, 'scripts/ok.sh'), 0o755)
    chmodSync(join(dir, 'notes.md'), 0o755)
    expect(byRule(dir)).toEqual({ 'folder.executable notes.md': 'MEDIUM' })
  })

  it.runIf(posix)('reports symlinks and pipes as CRITICAL without following them', () => {
    const outside = writeTree(tempDir(), { 'secret.txt': 'do not read' })
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'notes.txt'))
    execFileSync('mkfifo', [join(dir, 'pipe')])
    const result = inspectFolder(dir)
    expect(byRule(dir)).toEqual({
      'folder.symlink notes.txt': 'CRITICAL',
      'folder.special-file pipe': 'CRITICAL',
    })
    expect(result.files.map((f) => f.path)).toEqual(['SKILL.md'])
  })
})
