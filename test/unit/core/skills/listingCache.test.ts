import { mkdirSync, readdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { scanSkillFolder } from '../../../../src-main/core/skills/fingerprint'
import { FINE_RACY_MS, ListingCache, RACY_MS } from '../../../../src-main/core/skills/listingCache'
import { tempDir, writeTree } from '../../../support/fs'

/** A cache whose clock runs ten seconds ahead, so the folders just written count as settled. */
const settled = () => new ListingCache(() => Date.now() + 10_000)
const names = (cache: ListingCache, dir: string) => cache.read(dir).map((e) => e.name)
/** The indexer's scan of a skill folder through the cache. */
const scan = (cache: ListingCache, dir: string) => scanSkillFolder(dir, { readDir: (abs) => cache.read(abs) })

describe('ListingCache (the indexer reuses a folder listing while the folder is unchanged)', () => {
  it('reuses a settled folder listing, sorted by name', () => {
    const dir = writeTree(tempDir(), { 'b.txt': 'b', 'SKILL.md': 's', 'a/x.txt': 'x' })
    const cache = settled()
    const first = cache.read(dir)
    expect(first.map((e) => e.name)).toEqual(['SKILL.md', 'a', 'b.txt'])
    expect(cache.read(dir)).toBe(first)
  })

  it('lists again when an entry is added, removed, renamed or the folder is replaced', () => {
    const root = tempDir()
    const dir = writeTree(join(root, 'skill'), { 'SKILL.md': 's', 'refs/a.md': 'a' })
    const cache = settled()
    expect(names(cache, join(dir, 'refs'))).toEqual(['a.md'])
    writeFileSync(join(dir, 'refs', 'b.md'), 'b')
    expect(names(cache, join(dir, 'refs'))).toEqual(['a.md', 'b.md'])
    rmSync(join(dir, 'refs', 'a.md'))
    expect(names(cache, join(dir, 'refs'))).toEqual(['b.md'])
    renameSync(join(dir, 'refs', 'b.md'), join(dir, 'refs', 'c.md'))
    expect(names(cache, join(dir, 'refs'))).toEqual(['c.md'])
    rmSync(join(dir, 'refs'), { recursive: true })
    writeTree(join(dir, 'refs'), { 'c.md': 'new' })
    expect(names(cache, join(dir, 'refs'))).toEqual(['c.md'])
    writeFileSync(join(dir, 'refs', 'd.md'), 'd')
    expect(names(cache, join(dir, 'refs'))).toEqual(['c.md', 'd.md'])
  })

  it('does not keep a listing of a folder changed within its racy window (same clock tick)', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
    const cache = new ListingCache()
    const first = cache.read(dir)
    expect(cache.read(dir)).not.toBe(first)
    expect(cache.read(dir).map((e) => e.name)).toEqual(['SKILL.md'])
  })

  it.runIf(process.platform === 'linux')(
    'keeps a listing after a tenth of a second on a local file system with sub-second times, after three seconds with whole-second times',
    () => {
      const dir = writeTree(tempDir(), { 'SKILL.md': 's' })
      const soon = new ListingCache(() => Date.now() + FINE_RACY_MS + 50)
      const fine = soon.read(dir)
      expect(soon.read(dir)).toBe(fine)
      // Whole-second times (ext3, FAT, HFS+, some network file systems): the long window holds.
      const second = Math.floor(Date.now() / 1000) - 1
      utimesSync(dir, second, second)
      const coarse = new ListingCache(() => second * 1000 + RACY_MS - 500)
      const first = coarse.read(dir)
      expect(coarse.read(dir)).not.toBe(first)
      const later = new ListingCache(() => Date.now() + RACY_MS + 1000)
      const settledListing = later.read(dir)
      expect(later.read(dir)).toBe(settledListing)
    },
  )

  it('forgets a folder and everything under it on request', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's', 'a/x.txt': 'x' })
    const cache = settled()
    const top = cache.read(dir)
    const sub = cache.read(join(dir, 'a'))
    cache.forget(dir)
    expect(cache.read(dir)).not.toBe(top)
    expect(cache.read(join(dir, 'a'))).not.toBe(sub)
  })

  it('refuses a link to a folder instead of following it', () => {
    const root = tempDir()
    const target = writeTree(join(root, 'target'), { 'SKILL.md': 's' })
    symlinkSync(target, join(root, 'link'))
    expect(() => settled().read(join(root, 'link'))).toThrow(/not a folder/)
    expect(readdirSync(join(root, 'link'))).toEqual(['SKILL.md'])
  })

  it('a scan through reused listings still sees bytecode dropped into __pycache__ and files edited in place', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': 's', 'skill.py': 'print(1)\n' })
    mkdirSync(join(dir, '__pycache__'))
    const cache = settled()
    const before = scan(cache, dir)
    expect(scan(cache, dir).statSignature).toBe(before.statSignature)
    writeFileSync(join(dir, '__pycache__', 'skill.cpython-311.pyc'), 'bytecode')
    const withPyc = scan(cache, dir)
    expect(withPyc.files.map((f) => f.path)).toContain('__pycache__/skill.cpython-311.pyc')
    expect(withPyc.statSignature).not.toBe(before.statSignature)
    writeFileSync(join(dir, 'skill.py'), 'print(2)\n')
    expect(scan(cache, dir).statSignature).not.toBe(withPyc.statSignature)
  })
})
