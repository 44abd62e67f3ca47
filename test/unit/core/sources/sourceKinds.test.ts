import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { sourceKindFacts } from '../../../../src-main/contract/sourceKindFacts'
import { SourceType } from '../../../../src-main/contract/sources'
import { fetchedTypes, inferType, kindOf, sourceKinds } from '../../../../src-main/core/sources/kinds'
import { tempDir } from '../../../support/fs'

const spec = (type: SourceType, url: string, ref: string | null = null) => ({
  name: 'x',
  type,
  url,
  ref,
  allowLocal: false,
})

describe('source kinds', () => {
  it('has one kind for every source type, and nothing else', () => {
    expect(Object.keys(sourceKinds).sort()).toEqual([...SourceType.options].sort())
  })

  it('refuses what each kind cannot fetch, saying what to give instead', () => {
    const file = join(tempDir(), 'notes.txt')
    writeFileSync(file, 'not a folder')
    expect(() => kindOf({ type: 'local' }).validate(file, null)).toThrow(/is not a folder\. Give the folder/)
    expect(() => kindOf({ type: 'http' }).validate('ftp://example.com/x', null)).toThrow(
      /needs an http:\/\/ or https:\/\/ URL/,
    )
    expect(() => kindOf({ type: 'git' }).validate('https://example.com/r.git', '--upload-pack=x')).toThrow(
      /Refused git ref/,
    )
  })

  it('stores a folder as an absolute path and reads it in place (never cached, never deleted)', () => {
    const dir = tempDir()
    const local = kindOf({ type: 'local' })
    expect(local.validate(join(dir, '.', ''), null)).toBe(dir)
    expect(local.cached).toBe(false)
    expect(local.root(spec('local', dir), '/cache/1')).toBe(dir)
  })

  it('a GitHub tree URL: root is its sub-path, and lockfile paths count from the repository root', () => {
    const url = 'https://github.com/o/r/tree/main/skills/docs'
    const git = kindOf({ type: 'git' })
    expect(git.root(spec('git', url), '/cache/1')).toBe('/cache/1/skills/docs')
    expect(git.lockLocation(spec('git', url), 'pdf')).toEqual({ ref: 'main', path: 'skills/docs/pdf' })
    expect(git.lockLocation(spec('git', url), '.')).toEqual({ ref: 'main', path: 'skills/docs' })
    // Entries written before sub-paths were recorded count from the sub-path.
    expect(git.upstreamDir(spec('git', url), '/cache/1', 'skills/docs/pdf')).toBe('/cache/1/skills/docs/pdf')
    expect(git.upstreamDir(spec('git', url), '/cache/1', 'pdf')).toBe('/cache/1/skills/docs/pdf')
  })

  it('only an MCP server over HTTP takes a bearer token', () => {
    expect(kindOf({ type: 'mcp' }).takesToken('https://mcp.example.com/mcp')).toBe(true)
    expect(kindOf({ type: 'mcp' }).takesToken('python3 server.py')).toBe(false)
    for (const type of ['git', 'local', 'http'] as const)
      expect(kindOf({ type }).takesToken('https://example.com/')).toBe(false)
  })

  it('has the facts the UI and CLI show for every source type, in the enum order', () => {
    expect(Object.keys(sourceKindFacts)).toEqual([...SourceType.options])
    // A kind whose facts say it takes no token never does, whatever its URL.
    for (const type of SourceType.options)
      if (!sourceKindFacts[type].takesToken)
        for (const url of ['https://example.com/mcp', '/srv/skills', 'python3 server.py'])
          expect(kindOf({ type }).takesToken(url), `${type} ${url}`).toBe(false)
  })

  it('guesses a kind by asking the kinds by priority: the folder is the fallback, mcp is never guessed', () => {
    const claims = SourceType.options.map((type) => ({ type, claims: sourceKinds[type].claims }))
    // Only the folder claims at priority 0, and it claims anything.
    expect(claims.filter((c) => c.claims !== null && c.claims.priority <= 0).map((c) => c.type)).toEqual([
      'local',
    ])
    expect(sourceKinds.local.claims?.test('s3://bucket/skills')).toBe(true)
    expect(sourceKinds.mcp.claims).toBeNull()
    expect(inferType('https://example.org/mcp')).toBe('http')
    expect(inferType('ssh://git@example.org/skills')).toBe('git')
    // A scheme no kind claims is taken for a path (and refused later as a missing folder).
    expect(inferType('s3://bucket/skills')).toBe('local')
  })

  it('counts the kinds fetched into the cache as the ones a lockfile must record', () => {
    expect(fetchedTypes).toEqual(SourceType.options.filter((t) => sourceKinds[t].cached))
    expect(fetchedTypes).toEqual(['git', 'http', 'mcp'])
  })
})
