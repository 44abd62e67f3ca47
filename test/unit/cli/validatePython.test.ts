import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ValidationReport } from '../../../src-main/contract/models'
import { cli } from '../../support/cli'
import { tempDir } from '../../support/fs'

function skill(py: string): string {
  const dir = join(tempDir('skilldock-validate-'), 'py-skill')
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'SKILL.md'),
    '---\nname: py-skill\ndescription: Checks things. Use when testing.\n---\n\nBody.\n',
  )
  writeFileSync(join(dir, 'skill.py'), py)
  return dir
}

describe('skilldock validate compiles skill.py with python3', () => {
  it('fails on a syntax error and names the line', async () => {
    const dir = skill('import json\n\ndef broken(:\n    pass\n')
    const result = await cli(['--home', tempDir('h-'), '--json', 'validate', dir])
    expect(result.code).toBe(1)
    const [report] = result.json() as ValidationReport[]
    expect(report!.valid).toBe(false)
    expect(report!.errors).toContainEqual(
      expect.objectContaining({ code: 'PY_SYNTAX', line: 3, field: 'skill.py' }),
    )
    const human = await cli(['--home', tempDir('h-'), 'validate', dir])
    expect(human.stdout + human.stderr).toContain('skill.py line 3')
    // Checking writes no bytecode into the skill folder.
    expect(existsSync(join(dir, '__pycache__'))).toBe(false)
    expect(readdirSync(dir).sort()).toEqual(['SKILL.md', 'skill.py'])
  })

  it('catches what only the compiler sees (return outside a function), also through SKILL.md', async () => {
    const dir = skill('x = 1\nreturn x\n')
    const result = await cli(['--home', tempDir('h-'), '--json', 'validate', join(dir, 'SKILL.md')])
    expect(result.code).toBe(1)
    const [report] = result.json() as ValidationReport[]
    expect(report!.errors).toContainEqual(expect.objectContaining({ code: 'PY_SYNTAX', line: 2 }))
  })

  it('passes a skill.py that compiles', async () => {
    const dir = skill('def ok():\n    return 1\n')
    const result = await cli(['--home', tempDir('h-'), 'validate', dir])
    expect(result.code).toBe(0)
  })
})
