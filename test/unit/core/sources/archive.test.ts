import { execFileSync } from 'node:child_process'
import {
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { extractArchive } from '../../../../src-main/core/sources/archive'
import { tarEntry, tarOf, zipOf } from '../../../support/archives'
import { tempDir, writeSkill } from '../../../support/fs'

const unsafe = expect.objectContaining({ code: 'UNSAFE_SOURCE' })

describe('archive extraction', () => {
  it('extracts a tar.gz and a zip made by the real tools', () => {
    const src = tempDir()
    writeSkill(src, 'packed', 'Packed skill.', { 'scripts/run.sh': 'echo hi\n' })
    const tgz = join(tempDir(), 'a.tar.gz')
    execFileSync('tar', ['-czf', tgz, '-C', src, 'packed'])
    const out = tempDir()
    expect(extractArchive(readFileSync(tgz), out).sort()).toEqual([
      'packed/SKILL.md',
      'packed/scripts/run.sh',
    ])
    const zip = join(tempDir(), 'a.skill')
    execFileSync('zip', ['-qr', zip, 'packed'], { cwd: src })
    const out2 = tempDir()
    extractArchive(readFileSync(zip), out2)
    expect(readFileSync(join(out2, 'packed', 'scripts', 'run.sh'), 'utf8')).toBe('echo hi\n')
  })

  it('refuses ../ and absolute entries and writes nothing', () => {
    const base = tempDir()
    const out = join(base, 'out')
    mkdirSync(out)
    expect(() =>
      extractArchive(tarOf(tarEntry('ok/SKILL.md', 'x'), tarEntry('../evil.txt', 'x')), out),
    ).toThrow(unsafe)
    expect(() => extractArchive(tarOf(tarEntry('/tmp/skilldock-evil.txt', 'x')), out)).toThrow(unsafe)
    expect(readdirSync(out)).toEqual([])
    expect(existsSync(join(base, 'evil.txt'))).toBe(false)
    expect(existsSync('/tmp/skilldock-evil.txt')).toBe(false)
  })

  it('refuses symlink-then-write, hardlinks and devices', () => {
    const out = tempDir()
    const escape = tempDir()
    const symlinkThenWrite = tarOf(tarEntry('s/link', '', '2', escape), tarEntry('s/link/pwned', 'x'))
    expect(() => extractArchive(symlinkThenWrite, out)).toThrow(unsafe)
    expect(() => extractArchive(tarOf(tarEntry('s/hard', '', '1', '/etc/passwd')), out)).toThrow(unsafe)
    expect(() => extractArchive(tarOf(tarEntry('s/dev', '', '3')), out)).toThrow(unsafe)
    expect(readdirSync(out)).toEqual([])
    expect(readdirSync(escape)).toEqual([])
    // The same through the real tar CLI: a symlink and a hardlink in the archive.
    const src = tempDir()
    writeFileSync(join(src, 'f'), 'x')
    symlinkSync('/etc/passwd', join(src, 'l'))
    linkSync(join(src, 'f'), join(src, 'h'))
    const tgz = join(tempDir(), 'links.tar.gz')
    execFileSync('tar', ['-czf', tgz, '-C', src, 'f', 'l', 'h'])
    expect(() => extractArchive(readFileSync(tgz), out)).toThrow(unsafe)
    const zip = join(tempDir(), 'links.zip')
    execFileSync('zip', ['-qy', zip, 'l'], { cwd: src })
    expect(() => extractArchive(readFileSync(zip), out)).toThrow(unsafe)
    expect(readdirSync(out)).toEqual([])
  })

  it('refuses a zip bomb and archives with too many entries', () => {
    const src = tempDir()
    writeFileSync(join(src, 'zeros'), Buffer.alloc(60 * 1024 * 1024))
    const zip = join(tempDir(), 'bomb.zip')
    execFileSync('zip', ['-q9', zip, 'zeros'], { cwd: src })
    const out = tempDir()
    expect(() => extractArchive(readFileSync(zip), out)).toThrow(unsafe)
    const small = tempDir()
    writeFileSync(join(small, 'zeros'), Buffer.alloc(5 * 1024 * 1024))
    const ratio = join(tempDir(), 'ratio.tar.gz')
    execFileSync('tar', ['-czf', ratio, '-C', small, 'zeros'])
    expect(() => extractArchive(readFileSync(ratio), out)).toThrow(unsafe)
    const many = Array.from({ length: 30 }, (_, i) => tarEntry(`f${i}`, 'x'))
    expect(() =>
      extractArchive(tarOf(...many), out, { maxEntries: 10, maxTotalBytes: 1e6, maxRatio: 100 }),
    ).toThrow(unsafe)
    expect(readdirSync(out)).toEqual([])
  })

  it('refuses a duplicate entry name and a file used as a folder, writing nothing', () => {
    const out = tempDir()
    const twice = tarOf(tarEntry('d/SKILL.md', 'first'), tarEntry('d/SKILL.md', 'second'))
    expect(() => extractArchive(twice, out)).toThrow(
      expect.objectContaining({ code: 'UNSAFE_SOURCE', message: expect.stringMatching(/more than once/) }),
    )
    const zipTwice = zipOf([
      ['d/SKILL.md', 'first'],
      ['d/SKILL.md', 'second'],
    ])
    expect(() => extractArchive(zipTwice, out)).toThrow(unsafe)
    const fileThenDir = tarOf(tarEntry('d/a', 'file'), tarEntry('d/a/b', 'inside a file'))
    expect(() => extractArchive(fileThenDir, out)).toThrow(unsafe)
    expect(readdirSync(out)).toEqual([])
  })
})
