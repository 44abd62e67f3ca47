import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  assertModeAllowed,
  assertSourceAllowed,
  managedPolicyPath,
  readManagedPolicy,
} from '../../../../src-main/core/team/managedPolicy'
import { tempDir } from '../../../support/fs'

const envWith = (content: string | null) => {
  const file = join(tempDir('skilldock-policy-'), 'policy.json')
  if (content !== null) writeFileSync(file, content)
  return { SKILLDOCK_MANAGED_POLICY: file }
}

describe('managed policy', () => {
  it('lives at the platform path unless the environment names another', () => {
    expect(managedPolicyPath({}, 'linux')).toBe('/etc/skilldock/policy.json')
    expect(managedPolicyPath({}, 'darwin')).toBe('/Library/Application Support/SkillDock/policy.json')
    expect(managedPolicyPath({ ProgramData: 'D:\\PD' }, 'win32')).toContain('SkillDock')
    expect(managedPolicyPath({ SKILLDOCK_MANAGED_POLICY: '/x/p.json' }, 'linux')).toBe('/x/p.json')
  })

  it('an edit of the file applies at the next read, even one of the same size (it is re-read when its stat moves)', () => {
    const env = envWith(JSON.stringify({ governanceMode: 'semi_auto' }))
    expect(readManagedPolicy(env).governanceMode).toBe('semi_auto')
    expect(readManagedPolicy(env).governanceMode).toBe('semi_auto')
    writeFileSync(env.SKILLDOCK_MANAGED_POLICY, JSON.stringify({ governanceMode: 'full_auto' }))
    expect(readManagedPolicy(env).governanceMode).toBe('full_auto')
    writeFileSync(env.SKILLDOCK_MANAGED_POLICY, '{ broken')
    expect(readManagedPolicy(env).governanceMode).toBe('locked')
    rmSync(env.SKILLDOCK_MANAGED_POLICY)
    expect(readManagedPolicy(env).governanceMode).toBeNull()
  })

  it('no file enforces nothing', () => {
    const policy = readManagedPolicy(envWith(null))
    expect(policy).toMatchObject({
      path: null,
      governanceMode: null,
      allowedSources: null,
      personalSkills: true,
    })
    expect(() => assertModeAllowed(policy, 'full_auto')).not.toThrow()
  })

  it('a pinned mode refuses any other and names the file', () => {
    const env = envWith(JSON.stringify({ governanceMode: 'semi_auto' }))
    const policy = readManagedPolicy(env)
    expect(() => assertModeAllowed(policy, 'semi_auto')).not.toThrow()
    expect(() => assertModeAllowed(policy, 'full_auto')).toThrow(env.SKILLDOCK_MANAGED_POLICY)
  })

  it('allowed sources are URL prefixes', () => {
    const policy = readManagedPolicy(envWith(JSON.stringify({ allowedSources: ['https://git.corp/'] })))
    expect(() => assertSourceAllowed(policy, 'https://git.corp/team/skills.git')).not.toThrow()
    expect(() => assertSourceAllowed(policy, 'https://github.com/x/y')).toThrow('does not allow the source')
  })

  it('a damaged file locks governance and allows no source rather than being ignored', () => {
    for (const content of [
      '{not json',
      JSON.stringify({ governanceMode: 'anything' }),
      JSON.stringify({ extra: 1 }),
    ]) {
      const policy = readManagedPolicy(envWith(content))
      expect(policy.governanceMode).toBe('locked')
      expect(policy.allowedSources).toEqual([])
      expect(policy.problems[0]).toContain('could not be read')
    }
  })
})
