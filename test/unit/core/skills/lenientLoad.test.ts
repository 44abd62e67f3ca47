import { describe, expect, it } from 'vitest'
import { loadSkill, validateSkillPath, warningMessages } from '../../../../src-main/core/skills/manifest'
import { skillMd, tempDir, writeSkill, writeTree } from '../../../support/fs'

/** 1,068 characters, like anthropics/skills' claude-api. */
const longDescription =
  `Build apps with the Claude API. ${'Use it for messages, tools and batches. '.repeat(26)}`.slice(0, 1068)

describe('lenient load, strict validate', () => {
  it('loads a description over 1,024 characters with a warning; validate reports it as an error', () => {
    expect([...longDescription].length).toBe(1068)
    const dir = writeSkill(tempDir(), 'claude-api', longDescription)
    const loaded = loadSkill(dir)
    expect(loaded.errors).toEqual([])
    expect(loaded.manifest.description).toBe(longDescription)
    const warning = loaded.warnings.find((w) => w.code === 'DESCRIPTION_TOO_LONG')
    expect(warning?.message).toContain('description is 1068 characters; the limit is 1024')
    expect(warning?.message).toContain('Codex skips such a skill')
    expect(warningMessages(loaded)).toContain(warning?.message)

    const report = validateSkillPath(dir)
    expect(report.valid).toBe(false)
    expect(report.errors.map((e) => e.code)).toEqual(['DESCRIPTION_TOO_LONG'])
    expect(report.errors[0]?.message).not.toContain('Loaded anyway')
  })

  it('loads a name unlike its folder and unknown keys with warnings, in load and validate alike', () => {
    const root = tempDir()
    writeTree(root, { 'folder-name/SKILL.md': skillMd('other-name', 'Does things.', 'colour: blue\n') })
    const loaded = loadSkill(`${root}/folder-name`)
    expect(loaded.errors).toEqual([])
    expect(loaded.manifest.name).toBe('other-name')
    expect(loaded.warnings.map((w) => w.code).sort()).toEqual(['NAME_FOLDER_MISMATCH', 'UNKNOWN_KEY'])
    const report = validateSkillPath(`${root}/folder-name`)
    expect(report.valid).toBe(true)
    expect(report.warnings.map((w) => w.code).sort()).toEqual(['NAME_FOLDER_MISMATCH', 'UNKNOWN_KEY'])
  })

  it('still refuses what no host loads: a missing description stays an error when loading', () => {
    const root = tempDir()
    writeTree(root, { 'no-desc/SKILL.md': '---\nname: no-desc\n---\n# No description\n' })
    expect(loadSkill(`${root}/no-desc`).errors.map((e) => e.code)).toEqual(['DESCRIPTION_MISSING'])
  })
})
