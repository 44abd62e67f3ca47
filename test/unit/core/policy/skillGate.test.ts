import { describe, expect, it } from 'vitest'
import {
  clientAllowed,
  DEFAULT_RESTRICTED_RATE_PER_MINUTE,
  gateRefusal,
  PerSkillCounter,
  perSkillLimit,
  type SkillGateRow,
} from '../../../../src-main/core/policy/skillGate'

const row = (over: Partial<SkillGateRow> = {}): SkillGateRow => ({
  name: 'notes',
  origin: 'library',
  state: 'active',
  trust: 'sandboxed',
  valid: true,
  deprecatedReason: null,
  replacement: null,
  allowedClients: null,
  ratePerMinute: null,
  fingerprint: 'abc',
  approvedFingerprint: 'abc',
  ...over,
})
const call = { skill: 'notes', client: 'agent', origin: 'mcp' }

describe('the skill gate of the call pipeline', () => {
  it('refuses unknown, disabled, unapproved and changed skills, and stops their process', () => {
    expect(gateRefusal(null, call)?.error.code).toBe('NOT_FOUND')
    const disabled = gateRefusal(row({ state: 'disabled' }), call)
    expect(disabled?.error.message).toBe('notes is disabled. Enable it with `skilldock enable notes`.')
    expect(disabled?.stop).toBe(true)
    expect(gateRefusal(row({ state: 'pending' }), call)?.error.code).toBe('APPROVAL_REQUIRED')
    expect(gateRefusal(row({ fingerprint: 'edited' }), call)?.error.message).toContain('changed since')
    // Bundled skills are not pinned to an approval.
    expect(gateRefusal(row({ origin: 'builtin', state: 'builtin', fingerprint: 'x' }), call)).toBeNull()
    expect(gateRefusal(row(), call)).toBeNull()
  })

  it('keeps restricted skills to their allow-list, the owner excepted, without naming a replacement', () => {
    const restricted = row({
      trust: 'restricted',
      allowedClients: ['alice'],
      deprecatedReason: 'old',
      replacement: 'new',
    })
    const refused = gateRefusal(restricted, call)
    expect(refused?.error.code).toBe('UNAUTHORIZED')
    expect(refused?.error.message).not.toContain('new')
    expect(clientAllowed(row({ trust: 'restricted' }), 'alice')).toBe(false)
    expect(clientAllowed(row({ trust: 'restricted' }), 'user')).toBe(true)
    expect(clientAllowed(row({ allowedClients: ['alice'] }), 'webhook:hook')).toBe(false)
  })

  it('points every caller but the owner from a deprecated skill to its replacement', () => {
    const deprecated = row({ deprecatedReason: 'slow', replacement: 'notes-2' })
    expect(gateRefusal(deprecated, call)?.error.message).toBe(
      'notes is deprecated (slow); use notes-2 instead.',
    )
    expect(gateRefusal(deprecated, { ...call, origin: 'job' })?.error.details).toMatchObject({
      deprecated: true,
    })
    expect(gateRefusal(deprecated, { ...call, client: 'user', origin: 'user' })).toBeNull()
  })

  it('counts calls per skill and client in a one-minute window', () => {
    expect(perSkillLimit(row({ trust: 'restricted' }))).toBe(DEFAULT_RESTRICTED_RATE_PER_MINUTE)
    expect(perSkillLimit(row())).toBeNull()
    const counter = new PerSkillCounter()
    expect(counter.admit('notes', 'alice', 2, 0)).toBeNull()
    expect(counter.admit('notes', 'alice', 2, 10_000)).toBeNull()
    expect(counter.admit('notes', 'bob', 2, 10_000)).toBeNull()
    expect(counter.admit('notes', 'alice', 2, 20_000)).toBe(40)
    expect(counter.admit('notes', 'alice', 2, 60_001)).toBeNull()
  })
})
