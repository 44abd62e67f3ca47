import { createHash } from 'node:crypto'
import { utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fingerprintFolder } from '../../../../src-main/core/skills/fingerprint'
import {
  asText,
  parseSkillUri,
  safeRelativePath,
  servingLimitProblem,
  SkillFileStore,
  skillUri,
} from '../../../../src-main/core/server/skillFiles'
import { skillMd, tempDir, writeTree } from '../../../support/fs'

const sha = (text: string | Buffer) => `sha256:${createHash('sha256').update(text).digest('hex')}`

describe('skill files for the MCP endpoint', () => {
  it('lists every file with its digest and size, and fingerprints the folder like the indexer', () => {
    const dir = writeTree(tempDir(), {
      'SKILL.md': skillMd('notes', 'Takes notes.', 'license: MIT\n'),
      'references/a b.md': 'space in name\n',
    })
    const manifest = new SkillFileStore().manifest('notes', dir)
    expect(manifest.files).toEqual([
      {
        path: 'SKILL.md',
        uriPath: 'SKILL.md',
        size: Buffer.byteLength(skillMd('notes', 'Takes notes.', 'license: MIT\n')),
        digest: sha(skillMd('notes', 'Takes notes.', 'license: MIT\n')),
      },
      { path: 'references/a b.md', uriPath: 'references/a b.md', size: 14, digest: sha('space in name\n') },
    ])
    expect(manifest.frontmatter).toEqual({ name: 'notes', description: 'Takes notes.', license: 'MIT' })
    expect(manifest.fingerprint).toBe(fingerprintFolder(dir))
  })

  it('serves a lowercase skill.md as SKILL.md and notices changed files', () => {
    const dir = writeTree(tempDir(), { 'skill.md': skillMd('lower', 'Lower case.'), 'x.txt': 'one' })
    const store = new SkillFileStore()
    const first = store.manifest('lower', dir)
    expect(first.files.map((f) => f.uriPath)).toEqual(['SKILL.md', 'x.txt'])
    writeFileSync(join(dir, 'x.txt'), 'two!')
    utimesSync(join(dir, 'x.txt'), new Date(), new Date(Date.now() + 5000))
    const second = store.manifest('lower', dir)
    expect(second.files[1]).toMatchObject({ size: 4, digest: sha('two!') })
  })

  it('refuses to serve bytes that no longer match the manifest', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': skillMd('s', 'S.'), 'x.txt': 'one' })
    const store = new SkillFileStore()
    const manifest = store.manifest('s', dir)
    writeFileSync(join(dir, 'x.txt'), 'tw0')
    expect(() => store.read(manifest, manifest.files[1]!)).toThrow(/changed on disk/)
  })

  it('round-trips skill URIs and rejects anything that is not one', () => {
    expect(skillUri('notes', 'references/a b.md')).toBe('skill://notes/references/a%20b.md')
    expect(parseSkillUri('skill://notes/references/a%20b.md')).toEqual({
      name: 'notes',
      path: 'references/a b.md',
    })
    expect(parseSkillUri('skill://notes')).toEqual({ name: 'notes', path: '' })
    for (const bad of [
      'skill://notes/../x',
      'skill://notes/a//b',
      'skill://Notes/x',
      'file:///etc/passwd',
      'skill://notes/%2e%2e/x',
      'skill://notes/a%2Fb',
      'skill://notes/%E0',
    ]) {
      expect(parseSkillUri(bad), bad).toBeNull()
    }
  })

  it('accepts only relative paths that stay inside the skill', () => {
    expect(safeRelativePath('references/./GUIDE.md')).toBe('references/GUIDE.md')
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'C:/x', 'a\\..\\b', '', 'a\0b', '.']) {
      expect(safeRelativePath(bad), JSON.stringify(bad)).toBeNull()
    }
  })

  it('applies the SEP-2640 limits: 512 files and 16 MiB per skill', () => {
    expect(servingLimitProblem(Array.from({ length: 512 }, () => ({ size: 1 })))).toBeNull()
    expect(servingLimitProblem(Array.from({ length: 513 }, () => ({ size: 1 })))).toContain('513 files')
    expect(servingLimitProblem([{ size: 16 * 1024 * 1024 }])).toBeNull()
    expect(servingLimitProblem([{ size: 16 * 1024 * 1024 }, { size: 1 }])).toContain('16 MiB')
  })

  it('treats only UTF-8 without NUL as text, keeping a BOM', () => {
    expect(asText(Buffer.from('\uFEFFhi\r\n'))).toBe('\uFEFFhi\r\n')
    expect(Buffer.from(asText(Buffer.from('\uFEFFhi'))!, 'utf8').equals(Buffer.from('\uFEFFhi'))).toBe(true)
    expect(asText(Buffer.from([0xff, 0xfe]))).toBeNull()
    expect(asText(Buffer.from('a\0b'))).toBeNull()
  })
})
