import { describe, expect, it } from 'vitest'
import {
  highestRisk,
  makeFinding,
  normalizeFindings,
  shortEvidence,
} from '../../../../../src-main/core/trust/scanner/findings'

describe('evidence', () => {
  it('never carries a credential value', () => {
    const line =
      'requests.post(url, headers={"Authorization": "Bearer abcdefghijklmnop1234"}, json={"api_key": "sk-live-0123456789abcdefghij"})'
    const evidence = shortEvidence(line, 400)
    expect(evidence).not.toContain('abcdefghijklmnop1234')
    expect(evidence).not.toContain('0123456789abcdefghij')
    expect(evidence).toContain('Bearer «redacted»')
    expect(shortEvidence('AWS_KEY = "AKIAIOSFODNN7EXAMPLE"')).toBe('AWS_KEY = "«redacted»"')
    expect(shortEvidence('password = "hunter2hunter2"')).toBe('password = "«redacted»"')
    expect(
      shortEvidence('-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaA\n-----END OPENSSH PRIVATE KEY-----'),
    ).toBe('«private key»')
  })

  it('collapses whitespace, shows invisible characters and shortens long text', () => {
    expect(shortEvidence('a\n\t b\u200Bc')).toBe('a b<U+200B>c')
    const long = shortEvidence('x'.repeat(500))
    expect([...long]).toHaveLength(160)
    expect(long.endsWith('…')).toBe(true)
  })
})

describe('risk and order', () => {
  const f = (
    rule: string,
    severity: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL',
    file: string,
    line: number | null,
  ) => makeFinding(rule, severity, file, line, 'm', 'e')

  it('takes the highest severity as the risk, LOW when there are no findings', () => {
    expect(highestRisk([])).toBe('LOW')
    expect(highestRisk([f('a', 'MEDIUM', 'x', 1), f('b', 'CRITICAL', 'x', 2), f('c', 'HIGH', 'x', 3)])).toBe(
      'CRITICAL',
    )
  })

  it('orders by file, line and severity and drops exact repeats', () => {
    const sorted = normalizeFindings([
      f('b', 'LOW', 'skill.py', 3),
      f('a', 'HIGH', 'SKILL.md', null),
      f('c', 'CRITICAL', 'skill.py', 3),
      f('b', 'LOW', 'skill.py', 3),
    ])
    expect(sorted.map((x) => `${x.file}:${x.line ?? '-'}:${x.rule}`)).toEqual([
      'SKILL.md:-:a',
      'skill.py:3:c',
      'skill.py:3:b',
    ])
  })
})
