import { describe, expect, it } from 'vitest'
import { detectSource } from '../../../../../src-renderer/features/sources/detectSource'

describe('detectSource', () => {
  it('detects git repositories from their URL forms', () => {
    expect(detectSource('https://github.com/acme/skills')).toEqual({ type: 'git', name: 'skills' })
    expect(detectSource('https://example.org/team/skills.git')).toEqual({ type: 'git', name: 'skills' })
    expect(detectSource('git@github.com:acme/agent-skills.git')).toEqual({
      type: 'git',
      name: 'agent-skills',
    })
  })

  it('detects HTTP indexes and archives', () => {
    expect(detectSource('https://skills.example.org/index.json')).toEqual({ type: 'http', name: 'index' })
    expect(detectSource('https://example.org/pack.zip')?.type).toBe('http')
  })

  it('treats paths as local folders and names them after the last segment', () => {
    expect(detectSource('/home/me/My Skills/')).toEqual({ type: 'local', name: 'My-Skills' })
    expect(detectSource('C:\\Users\\me\\skills')).toEqual({ type: 'local', name: 'skills' })
    expect(detectSource('file:///srv/skills')?.type).toBe('local')
  })

  it('gives nothing for empty text or unknown schemes', () => {
    expect(detectSource('   ')).toBeNull()
    expect(detectSource('ftp://example.org/skills')).toBeNull()
  })
})
