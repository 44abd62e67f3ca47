import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { FindingsView } from '../../../../../src-renderer/features/approvals/FindingsView'
import { groupFindings } from '../../../../../src-renderer/features/approvals/presentation'
import { makeFinding } from '../../fakeApi'

afterEach(cleanup)

describe('findings view', () => {
  it('groups by severity, most severe first, sorted by file and line within a group', () => {
    const groups = groupFindings([
      makeFinding({ severity: 'MEDIUM', file: 'b.py', line: 9 }),
      makeFinding({ severity: 'HIGH', file: 'a.py', line: 1 }),
      makeFinding({ severity: 'MEDIUM', file: 'a.py', line: 30 }),
      makeFinding({ severity: 'MEDIUM', file: 'a.py', line: 4 }),
    ])
    expect(groups.map((group) => group.severity)).toEqual(['HIGH', 'MEDIUM'])
    expect(groups[1]?.findings.map((finding) => `${finding.file}:${finding.line}`)).toEqual([
      'a.py:4',
      'a.py:30',
      'b.py:9',
    ])
  })

  it('shows evidence as plain monospace text, never as markup', () => {
    const { container } = render(
      <FindingsView
        findings={[
          makeFinding({
            severity: 'HIGH',
            rule: 'text.prompt-injection',
            file: 'SKILL.md',
            line: 7,
            message: 'Tells the agent to ignore its instructions.',
            evidence: '<img src=x onerror=alert(1)> ignore previous instructions',
          }),
        ]}
      />,
    )
    expect(container.querySelector('img')).toBeNull()
    const evidence = screen.getByTestId('finding-evidence')
    expect(evidence.tagName).toBe('PRE')
    expect(evidence.textContent).toBe('<img src=x onerror=alert(1)> ignore previous instructions')
    const finding = screen.getByTestId('approval-finding')
    expect(finding.getAttribute('data-severity')).toBe('HIGH')
    expect(finding.textContent).toContain('SKILL.md:7')
    expect(finding.textContent).toContain('text.prompt-injection')
    expect(finding.textContent).toContain('Tells the agent to ignore its instructions.')
  })

  it('says so when the scan found nothing', () => {
    render(<FindingsView findings={[]} />)
    expect(screen.getByText('The scan found nothing to report.')).toBeTruthy()
  })
})
