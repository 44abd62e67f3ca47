import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const root = resolve(__dirname, '..', '..')
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PYTHONDONTWRITEBYTECODE: '1' }

/** Runs a unittest discovery and returns its report (unittest prints it on stderr). */
function unittest(start: string, top: string): string {
  try {
    return execFileSync('python3', ['-m', 'unittest', 'discover', '-s', start, '-t', top], {
      cwd: root,
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 120_000,
    })
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string }
    throw new Error(`python tests failed in ${start}:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err })
  }
}

describe('Python suites', () => {
  it('the stdlib MCP kit passes its protocol tests', () => {
    expect(() => unittest('test/python', 'test/python')).not.toThrow()
  })

  const skillsWithTests = readdirSync(join(root, 'skills')).filter((name) =>
    existsSync(join(root, 'skills', name, 'tests')),
  )

  it('at least four bundled skills carry their own tests', () => {
    expect(skillsWithTests.length).toBeGreaterThanOrEqual(4)
  })

  for (const name of skillsWithTests) {
    it(`bundled skill ${name} passes its own tests`, () => {
      expect(() => unittest(`skills/${name}/tests`, `skills/${name}`)).not.toThrow()
    })
  }
})
