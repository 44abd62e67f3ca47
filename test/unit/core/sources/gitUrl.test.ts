import { describe, expect, it } from 'vitest'
import { assertSafeGitUrl, parseGitTarget } from '../../../../src-main/core/sources/gitUrl'
import { inferType } from '../../../../src-main/core/sources/sourceService'

describe('git source URLs', () => {
  it('parses GitHub tree URLs into clone URL, ref and sub-path', () => {
    expect(parseGitTarget('https://github.com/anthropics/skills/tree/main/skills/pdf')).toEqual({
      url: 'https://github.com/anthropics/skills.git',
      ref: 'main',
      subPath: 'skills/pdf',
    })
    expect(parseGitTarget('https://github.com/o/r/tree/v1.2')).toEqual({
      url: 'https://github.com/o/r.git',
      ref: 'v1.2',
      subPath: null,
    })
    expect(parseGitTarget('https://github.com/o/r/blob/dev/a/SKILL.md', 'other')).toEqual({
      url: 'https://github.com/o/r.git',
      ref: 'other',
      subPath: 'a',
    })
    expect(parseGitTarget('file:///tmp/repo', 'main')).toEqual({
      url: 'file:///tmp/repo',
      ref: 'main',
      subPath: null,
    })
  })

  it.each([
    '--upload-pack=touch /tmp/x',
    'ext::sh -c touch% /tmp/x',
    'fd::3',
    '-uX',
    'https://example.com/r.git --upload-pack=x',
    'javascript://x',
    'foo bar',
  ])('refuses %s with UNSAFE_SOURCE', (url) => {
    expect(() => assertSafeGitUrl(url)).toThrow(expect.objectContaining({ code: 'UNSAFE_SOURCE' }))
  })

  it('refuses option-like refs and sub-paths that climb out', () => {
    expect(() => parseGitTarget('https://example.com/r.git', '--upload-pack=x')).toThrow(
      expect.objectContaining({ code: 'UNSAFE_SOURCE' }),
    )
    expect(() => parseGitTarget('https://github.com/o/r/tree/main/a/../../x')).toThrow(
      expect.objectContaining({ code: 'UNSAFE_SOURCE' }),
    )
  })

  it('accepts ordinary clone URLs and guesses the source type', () => {
    for (const url of [
      'https://github.com/o/r.git',
      'git@github.com:o/r.git',
      'ssh://git@host/r',
      'file:///tmp/r',
    ]) {
      expect(() => assertSafeGitUrl(url)).not.toThrow()
    }
    expect(inferType('https://github.com/o/r')).toBe('git')
    expect(inferType('https://example.com/skills.zip')).toBe('http')
    expect(inferType('/home/me/skills')).toBe('local')
  })
})
