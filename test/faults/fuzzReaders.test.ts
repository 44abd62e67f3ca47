import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, relative, resolve, sep } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../src-main/core/base/appError'
import { SettingsStore } from '../../src-main/core/settings'
import { extractArchive } from '../../src-main/core/sources/archive'
import { fetchHttp } from '../../src-main/core/sources/httpFetcher'
import { Lockfile } from '../../src-main/core/sources/lockfile'
import { findSourceSkillFolders } from '../../src-main/core/sources/sourceSkills'
import { tarEntry, tarOf } from '../support/archives'
import { skillMd, tempDir, writeSkill } from '../support/fs'

const RUNS = Number(process.env.SKILLDOCK_FUZZ_RUNS ?? 300)
/** Fixed by default so CI is repeatable; set SKILLDOCK_FUZZ_SEED to explore other inputs. */
const SEED = Number(process.env.SKILLDOCK_FUZZ_SEED ?? 20261121)

/** The error of `run`, or null when it returned; anything but an AppError fails the property. */
async function appErrorOf(run: () => unknown): Promise<AppError | null> {
  try {
    await run()
    return null
  } catch (err) {
    if (!(err instanceof AppError)) throw err
    expect(err.message.length).toBeGreaterThan(0)
    return err
  }
}

/** Every path under `dir` (folders too), relative to it; symlinks are reported as such. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return []
  const out: string[] = []
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name)
      const stat = lstatSync(path)
      out.push(relative(dir, path) + (stat.isSymbolicLink() ? ' -> symlink' : ''))
      if (stat.isDirectory()) walk(path)
    }
  }
  walk(dir)
  return out.sort()
}

/** Entry names an attacker would try, mixed with ordinary ones and noise. */
const entryName = fc.oneof(
  fc.constantFrom(
    'SKILL.md',
    'skill/SKILL.md',
    'a/b/c.txt',
    '../evil.txt',
    'a/../../evil.txt',
    '/etc/evil.txt',
    'C:\\evil.txt',
    '..\\evil.txt',
    'a\\..\\..\\evil.txt',
    './a/./b.txt',
    '.',
    '..',
    '',
    'a/',
    'a//b',
    'nul\0byte.txt',
    `${'x'.repeat(300)}/long.txt`,
    `dir/${'y'.repeat(260)}`,
  ),
  fc
    .array(fc.constantFrom('a', 'b', '..', '.', '', 'SKILL.md', '\\', 'ü', ' '), { maxLength: 6 })
    .map((p) => p.join('/')),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
)
const entries = fc.array(
  fc.record({ name: entryName, kind: fc.constantFrom('file', 'dir'), body: fc.string({ maxLength: 40 }) }),
  { minLength: 1, maxLength: 8 },
)

/** A stored (uncompressed) or deflated zip of the entries, written here rather than by a tool that cleans names. */
function zipOf(list: { name: string; kind: string; body: string }[], deflate: boolean): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of list) {
    const name = Buffer.from(e.kind === 'dir' && !e.name.endsWith('/') ? `${e.name}/` : e.name, 'utf8')
    const raw = Buffer.from(e.kind === 'dir' ? '' : e.body, 'utf8')
    const data = deflate ? deflateRawSync(raw) : raw
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(deflate ? 8 : 0, 8)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(raw.length, 22)
    local.writeUInt16LE(name.length, 26)
    const entry = Buffer.alloc(46)
    entry.writeUInt32LE(0x02014b50, 0)
    entry.writeUInt16LE(20, 4)
    entry.writeUInt16LE(20, 6)
    entry.writeUInt16LE(deflate ? 8 : 0, 10)
    entry.writeUInt32LE(data.length, 20)
    entry.writeUInt32LE(raw.length, 24)
    entry.writeUInt16LE(name.length, 28)
    entry.writeUInt32LE(((e.kind === 'dir' ? 0o040755 : 0o100644) << 16) >>> 0, 38)
    entry.writeUInt32LE(offset, 42)
    locals.push(local, name, data)
    central.push(entry, name)
    offset += local.length + name.length + data.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(list.length, 8)
  end.writeUInt16LE(list.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

/** A gzipped tar of the entries; names past 100 bytes go in a GNU long-name entry, as tar writes them. */
function tarFrom(list: { name: string; kind: string; body: string }[]): Buffer {
  const parts: Buffer[] = []
  for (const e of list) {
    const type = e.kind === 'dir' ? '5' : '0'
    const body = e.kind === 'dir' ? '' : e.body
    if (Buffer.byteLength(e.name) > 99) {
      parts.push(tarEntry('././@LongLink', `${e.name}\0`, 'L'), tarEntry('long', body, type))
    } else parts.push(tarEntry(e.name, body, type))
  }
  return tarOf(...parts)
}

describe('property-based fuzzing of what sources bring in', () => {
  it('archive entry names: extracted inside the target or refused with UNSAFE_SOURCE, never written outside', async () => {
    const outer = tempDir('skilldock-fuzz-archive-')
    let n = 0
    await fc.assert(
      fc.asyncProperty(entries, fc.constantFrom('tar', 'zip', 'zip-deflate'), async (list, format) => {
        const box = join(outer, String(n++))
        mkdirSync(box)
        const target = join(box, 'target')
        const archive = format === 'tar' ? tarFrom(list) : zipOf(list, format === 'zip-deflate')
        const error = await appErrorOf(() => extractArchive(archive, target))
        // Nothing next to the target, no links anywhere.
        expect(readdirSync(box).filter((name) => name !== 'target')).toEqual([])
        const written = tree(target)
        expect(written.filter((p) => p.endsWith('symlink'))).toEqual([])
        if (error) {
          expect(['UNSAFE_SOURCE', 'INVALID_INPUT']).toContain(error.code)
          // Checked before anything is written: a refused archive leaves nothing behind.
          expect(written.filter((p) => !lstatSync(join(target, p)).isDirectory())).toEqual([])
        } else {
          for (const p of written) expect(resolve(target, p).startsWith(resolve(target) + sep)).toBe(true)
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
  }, 180_000)

  describe('the HTTP skills index', () => {
    let server: Server
    let base = ''
    let index = ''
    beforeAll(async () => {
      server = createServer((req, res) => {
        if (req.url === '/index.json') {
          res.writeHead(200, { 'Content-Type': 'application/json' })
          return res.end(index)
        }
        res.writeHead(200, { 'Content-Type': 'text/plain' })
        res.end(req.url?.endsWith('SKILL.md') ? skillMd('fuzzed', 'A fuzzed skill.') : 'file\n')
      })
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    })
    afterAll(() => new Promise<void>((r) => server.close(() => r())))

    const skillEntry = fc.record(
      {
        name: fc.oneof(
          fc.constantFrom('alpha', 'beta', 'Bad Name', '../up', ''),
          fc.string({ maxLength: 12 }),
        ),
        description: fc.string({ maxLength: 20 }),
        files: fc.array(entryName, { maxLength: 5 }),
        archive: fc.constantFrom('../x.zip', 'missing.zip', '/nothing.tar.gz'),
      },
      { requiredKeys: ['name'] },
    )
    const indexText = fc.oneof(
      fc.array(skillEntry, { maxLength: 4 }).map((skills) => JSON.stringify({ skills })),
      fc.json(),
      fc.string({ maxLength: 60 }),
      fc.constantFrom(
        '',
        '{"skills":',
        '{"skills":null}',
        '[]',
        'null',
        '{"skills":[{"name":"a","files":"SKILL.md"}]}',
        '{"skills":[{"name":"a","files":["SKILL.md","./SKILL.md"]}]}',
        '{"skills":[{"name":"a"},{"name":"a"}]}',
        '{"skills":[{"name":"a","files":["x/y","x"]}]}',
      ),
    )

    it('anything served as index.json: fetched into the folder or a clear error, nothing written outside', async () => {
      const outer = tempDir('skilldock-fuzz-index-')
      let n = 0
      await fc.assert(
        fc.asyncProperty(indexText, async (text) => {
          index = text
          const box = join(outer, String(n++))
          mkdirSync(box)
          const dest = join(box, 'cache')
          const error = await appErrorOf(() =>
            fetchHttp(`${base}/index.json`, dest, { allowLocal: true, ownPorts: [] }),
          )
          if (error) expect(['INVALID_INPUT', 'UNSAFE_SOURCE', 'SOURCE_UNREACHABLE']).toContain(error.code)
          expect(readdirSync(box).filter((name) => name !== 'cache')).toEqual([])
          expect(tree(dest).filter((p) => p.endsWith('symlink'))).toEqual([])
        }),
        { numRuns: Math.ceil(RUNS / 2), seed: SEED },
      )
    }, 180_000)
  })

  it('marketplace.json: any content lists only skill folders inside the source, never throws', () => {
    const root = tempDir('skilldock-fuzz-market-')
    writeSkill(join(root, 'skills'), 'inside', 'Inside the source.')
    writeSkill(join(root, 'plugins', 'p', 'skills'), 'deeper', 'In a plugin.')
    const outside = tempDir('skilldock-fuzz-outside-')
    writeSkill(outside, 'outside', 'Not in the source.')
    const place = fc.oneof(
      fc.constantFrom(
        '.',
        './skills',
        'skills/inside',
        'plugins/p',
        '../',
        '/',
        outside,
        'skills/inside/SKILL.md',
      ),
      fc.string({ maxLength: 12 }),
      fc.anything(),
    )
    const plugin = fc.oneof(
      fc.record({ source: place, skills: fc.oneof(fc.array(place, { maxLength: 3 }), fc.anything()) }),
      fc.anything(),
    )
    const doc = fc.oneof(
      fc.array(plugin, { maxLength: 4 }).map((plugins) => JSON.stringify({ plugins })),
      fc.json(),
      fc.string({ maxLength: 40 }),
    )
    mkdirSync(join(root, '.claude-plugin'))
    fc.assert(
      fc.property(doc, (text) => {
        writeFileSync(join(root, '.claude-plugin', 'marketplace.json'), text)
        const folders = findSourceSkillFolders(root)
        for (const dir of folders) {
          expect(dir === root || dir.startsWith(root + sep), `${dir} is inside the source`).toBe(true)
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  /** What a damaged or hand-edited JSON file of the data home may hold. */
  const damagedJson = fc.oneof(
    fc.json(),
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      '',
      '{',
      '{"version":1,"skills":{"x":{}}}',
      '{"version":2,"skills":{}}',
      '\uFEFF{}',
      'null',
    ),
    fc.anything().map((v) => {
      try {
        return JSON.stringify(v) ?? 'undefined'
      } catch {
        return '{}'
      }
    }),
  )

  it('skilldock.lock.json: read whole or refused with a clear error; a refused file is left as it was', async () => {
    const dir = tempDir('skilldock-fuzz-lock-')
    const file = join(dir, 'skilldock.lock.json')
    await fc.assert(
      fc.asyncProperty(damagedJson, async (text) => {
        writeFileSync(file, text)
        const lockfile = new Lockfile(file)
        const error = await appErrorOf(() => lockfile.update((doc) => void (doc.skills = { ...doc.skills })))
        if (error) {
          expect(error.code).toBe('CONFLICT')
          expect(error.message).toMatch(/fix or delete it/)
          expect(readFileSync(file, 'utf8')).toBe(text)
        } else {
          expect(Object.keys(lockfile.read())).toEqual(['version', 'skills'])
        }
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })

  it('settings.json: read with defaults or refused with a clear error; a refused file is never overwritten', async () => {
    const dir = tempDir('skilldock-fuzz-settings-')
    const file = join(dir, 'settings.json')
    await fc.assert(
      fc.asyncProperty(damagedJson, async (text) => {
        writeFileSync(file, text)
        const settings = new SettingsStore(file)
        const readError = await appErrorOf(() => settings.read())
        const updateError = await appErrorOf(() => settings.update('trust', { llmReview: true }))
        if (readError) {
          expect(readError.code).toBe('INVALID_INPUT')
          expect(readError.message).toMatch(/fix or delete it|invalid values/)
          expect(updateError?.code).toBe('INVALID_INPUT')
          expect(readFileSync(file, 'utf8')).toBe(text)
        } else {
          expect(updateError).toBeNull()
          expect(settings.read().trust.llmReview).toBe(true)
        }
        expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([])
      }),
      { numRuns: RUNS, seed: SEED },
    )
  })
})
