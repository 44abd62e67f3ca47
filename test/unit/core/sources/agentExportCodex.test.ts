import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exportSkills } from '../../../../src-main/core/sources/agentExport'
import { fingerprintFolder } from '../../../../src-main/core/skills/fingerprint'
import { tempDir, writeSkill } from '../../../support/fs'

const long = 'x'.repeat(1068)

function skills() {
  const root = tempDir()
  return [writeSkill(root, 'short-one', 'Short.'), writeSkill(root, 'long-one', long)].map((path) => ({
    name: path.split('/').pop()!,
    path,
    fingerprint: fingerprintFolder(path),
  }))
}

describe('export to an agent whose loader refuses some skills', () => {
  it('for codex: writes every skill and warns, naming each one whose description is over 1,024 characters', () => {
    const dir = tempDir()
    const result = exportSkills(skills(), dir, true, '2026-01-01T00:00:00Z', 'codex')
    expect(result.written.sort()).toEqual(['long-one', 'short-one'])
    expect(existsSync(join(dir, 'long-one', 'SKILL.md'))).toBe(true)
    expect(result.warnings).toEqual([
      {
        name: 'long-one',
        reason: expect.stringContaining("description is 1068 characters, over Codex's limit of 1024"),
      },
    ])
  })

  it('for claude-code, which loads long descriptions: no warning', () => {
    const result = exportSkills(skills(), tempDir(), true, '2026-01-01T00:00:00Z', 'claude-code')
    expect(result.warnings).toEqual([])
  })
})
