import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { describeWindow, matchPolicy } from '../../../../src-main/core/policy/callPipeline'
import { globMatches, patternAllowsCall, patternAllowsSkill } from '../../../../src-main/core/policy/patterns'
import { PolicyRepository } from '../../../../src-main/core/policy/policyRepository'
import { openDatabase } from '../../../../src-main/core/storage/database'
import type { CallPolicy } from '../../../../src-main/contract/policies'
import { tempDir } from '../../../support/fs'

describe('skill and tool patterns', () => {
  it('matches exact names and * globs, treating everything else literally', () => {
    expect(globMatches('admin', 'admin')).toBe(true)
    expect(globMatches('admin', 'admin-tools')).toBe(false)
    expect(globMatches('*', 'anything')).toBe(true)
    expect(globMatches('delete_*', 'delete_user')).toBe(true)
    expect(globMatches('delete_*', 'undelete_user')).toBe(false)
    expect(globMatches('*-stats', 'text-stats')).toBe(true)
    expect(globMatches('a.b', 'axb')).toBe(false)
    expect(globMatches('a*c*e', 'abcde')).toBe(true)
  })

  it('reads permission patterns as skill/tool, a bare skill meaning all its tools', () => {
    expect(patternAllowsCall('*', 'unit-converter', 'convert')).toBe(true)
    expect(patternAllowsCall('unit-converter', 'unit-converter', 'convert')).toBe(true)
    expect(patternAllowsCall('unit-converter/*', 'unit-converter', 'list_units')).toBe(true)
    expect(patternAllowsCall('unit-converter/convert', 'unit-converter', 'list_units')).toBe(false)
    expect(patternAllowsCall('*/delete_*', 'files', 'delete_file')).toBe(true)
    expect(patternAllowsCall('*/delete_*', 'files', 'read_file')).toBe(false)
    expect(patternAllowsSkill('unit-converter/convert', 'unit-converter')).toBe(true)
    expect(patternAllowsSkill('admin/*', 'text-stats')).toBe(false)
  })

  it('picks a dry_run over an approval when both match, else the oldest matching policy', () => {
    const policy = (id: number, skill: string, tool: string, kind: CallPolicy['kind']): CallPolicy => ({
      id,
      skill,
      tool,
      kind,
      timeoutSeconds: 300,
      createdAt: '',
    })
    const list = [
      policy(1, 'admin', '*', 'requires_approval'),
      policy(2, '*', 'delete_*', 'dry_run'),
      policy(3, 'admin', 'reset', 'requires_approval'),
    ]
    expect(matchPolicy(list, 'admin', 'delete_user')?.id).toBe(2)
    expect(matchPolicy(list, 'admin', 'reset')?.id).toBe(1)
    expect(matchPolicy(list, 'text-stats', 'count')).toBeNull()
  })

  it('describes windows the way the rate-limit message names them', () => {
    expect(describeWindow(60)).toBe('per minute')
    expect(describeWindow(300)).toBe('per 5 minutes')
    expect(describeWindow(3600)).toBe('per hour')
    expect(describeWindow(45)).toBe('per 45 seconds')
  })
})

describe('rate limit counting in SQLite', () => {
  it('admits N calls per window, then refuses until the oldest call leaves the window', () => {
    const db = openDatabase({ file: join(tempDir(), 'skilldock.db') })
    try {
      const repo = new PolicyRepository(db)
      repo.setLimit({ scope: 'skill', target: 'text-stats', maxCalls: 2, windowSeconds: 60 }, 'now')
      repo.setLimit({ scope: 'client', target: 'cursor', maxCalls: 5, windowSeconds: 60 }, 'now')
      const limits = repo.limitsFor('text-stats', 'cursor')
      expect(limits.map((l) => l.scope)).toEqual(['skill', 'client'])
      const t0 = 1_000_000
      expect(repo.admit(limits, t0)).toBeNull()
      expect(repo.admit(limits, t0 + 1000)).toBeNull()
      const refused = repo.admit(limits, t0 + 2000)
      expect(refused?.limit.target).toBe('text-stats')
      expect(refused?.oldestMs).toBe(t0)
      // A refused call is not counted, so it does not extend the wait.
      expect(repo.admit(limits, t0 + 60_001)).toBeNull()
      expect(repo.limitsFor('unit-converter', 'vscode')).toEqual([])
    } finally {
      db.close()
    }
  })
})
