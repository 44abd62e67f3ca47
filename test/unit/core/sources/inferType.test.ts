import { describe, expect, it } from 'vitest'
import { parseGitTarget } from '../../../../src-main/core/sources/gitUrl'
import { inferType } from '../../../../src-main/core/sources/sourceService'

describe('what kind of source a one-off `add <source>` is', () => {
  it('takes GitHub tree URLs and clone URLs for git, other http(s) URLs for http, never mcp', () => {
    const tree = 'https://github.com/acme/skills/tree/v2/skills/pdf'
    expect(inferType(tree)).toBe('git')
    expect(parseGitTarget(tree)).toEqual({
      url: 'https://github.com/acme/skills.git',
      ref: 'v2',
      subPath: 'skills/pdf',
    })
    expect(inferType('file:///srv/skills')).toBe('git')
    expect(inferType('git@example.org:team/skills.git')).toBe('git')
    expect(inferType('https://example.org/team/skills.git')).toBe('git')
    for (const url of [
      'https://example.org/mcp',
      'https://skills.example.org',
      'https://example.org/.well-known/skills/index.json',
      'https://example.org/pdf/SKILL.md',
      'https://example.org/pack.skill',
      'http://example.org/pack.tar.gz',
    ])
      expect(inferType(url), url).toBe('http')
    expect(inferType('./my-skills')).toBe('local')
    // Option-like and remote-helper text is judged as git, so it is refused as unsafe before git runs.
    expect(inferType('--upload-pack=touch /tmp/x')).toBe('git')
    expect(inferType('ext::sh -c touch% /tmp/x')).toBe('git')
  })
})
