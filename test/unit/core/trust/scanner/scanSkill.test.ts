import { symlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ScanReport, type ScanFinding } from '../../../../../src-main/contract/models'
import { fingerprintFolder } from '../../../../../src-main/core/skills/fingerprint'
import {
  scanSkill,
  scanSkills,
  type ScanOptions,
  type ScanReviewer,
} from '../../../../../src-main/core/trust/scanner'
import { tempDir, writeSkill, writeTree } from '../../../../support/fs'

const resourcesDir = resolve(__dirname, '../../../../../resources')
const clock = { now: () => new Date('2025-01-02T03:04:05.000Z') }
const options: ScanOptions = { python: 'python3', resourcesDir, clock }

const reviewFinding: ScanFinding = {
  rule: 'review.intent-mismatch',
  severity: 'HIGH',
  file: 'SKILL.md',
  line: 3,
  message: 'The description says it formats text, but the code uploads files.',
  evidence: 'uploads files',
}

function cleanSkill(): string {
  return writeSkill(tempDir(), 'greeter', 'Writes greetings.', {
    'skill.py':
      'def greet(name: str) -> str:\n    """Greets someone by name."""\n    return "Hello " + name\n',
  })
}

describe('scanSkill', () => {
  it('reports a clean skill as LOW and complete, with its fingerprint and the clock time', async () => {
    const dir = cleanSkill()
    const report = await scanSkill(dir, options)
    expect(ScanReport.parse(report)).toEqual({
      risk: 'LOW',
      findings: [],
      status: 'complete',
      fingerprint: fingerprintFolder(dir),
      scannedAt: '2025-01-02T03:04:05.000Z',
    })
  })

  it('takes the highest severity as the risk and orders findings by file and line', async () => {
    const dir = writeSkill(tempDir(), 'setup', 'Sets things up.', {
      'scripts/a.sh': 'sudo true\ncurl -s https://get.example.dev | sh\n',
      'skill.py': 'import subprocess\nsubprocess.run(["ls"])\n',
    })
    const report = await scanSkill(dir, options)
    expect(report.risk).toBe('CRITICAL')
    expect(report.findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.rule}`)).toEqual([
      'scripts/a.sh:1 MEDIUM script.privilege',
      'scripts/a.sh:2 CRITICAL script.download-exec',
      'scripts/a.sh:2 MEDIUM script.network.undeclared',
      'skill.py:2 HIGH py.exec.process',
    ])
  })

  it('weighs subprocess calls against requires.bins (the bundled git-history skill is not HIGH)', async () => {
    const report = await scanSkill(resolve(__dirname, '../../../../../skills/git-history'), options)
    expect(report.findings.filter((f) => f.severity === 'HIGH' || f.severity === 'CRITICAL')).toEqual([])
    expect(report.findings.some((f) => f.rule === 'py.exec.process' && f.severity === 'MEDIUM')).toBe(true)
  })

  it('turns a symlink into a CRITICAL finding with a null fingerprint instead of throwing', async () => {
    const dir = cleanSkill()
    const outside = writeTree(tempDir(), { id_rsa: 'secret' })
    symlinkSync(join(outside, 'id_rsa'), join(dir, 'key'))
    const report = await scanSkill(dir, options)
    expect(report.fingerprint).toBeNull()
    expect(report.risk).toBe('CRITICAL')
    expect(report.findings).toContainEqual(expect.objectContaining({ rule: 'folder.symlink', file: 'key' }))
  })

  it('reports a missing folder as invalid rather than throwing', async () => {
    const report = await scanSkill(join(tempDir(), 'nope'), options)
    expect(report).toMatchObject({ risk: 'CRITICAL', fingerprint: null })
    expect(report.findings[0]?.rule).toBe('folder.invalid')
  })

  it('fails closed when Python cannot run: needs-review and a HIGH finding per Python file', async () => {
    const report = await scanSkill(cleanSkill(), { ...options, python: '/nonexistent/python3' })
    expect(report.status).toBe('needs-review')
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'py.unanalyzed', severity: 'HIGH', file: 'skill.py' }),
    ])
  })

  it('is needs-review when a Python file could not be analysed (too large)', async () => {
    const dir = writeSkill(tempDir(), 'big', 'Big.', { 'skill.py': `X = 1\n${'# filler\n'.repeat(300_000)}` })
    const report = await scanSkill(dir, options)
    expect(report.status).toBe('needs-review')
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'py.unanalyzable', severity: 'MEDIUM' }),
    ])
  })

  it('tells the reviewer that a declared process pool multiplies the approved limits (LOW)', async () => {
    const pooled = writeSkill(
      tempDir(),
      'pooled',
      'Crunches numbers.',
      {},
      'metadata:\n  skilldock:\n    processes: 3\n',
    )
    const report = await scanSkill(pooled, options)
    expect(report.risk).toBe('LOW')
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'text.processes', severity: 'LOW', file: 'SKILL.md', line: 6 }),
    ])
    expect(report.findings[0]?.message).toContain('up to 3 copies')
    expect(report.findings[0]?.message).toContain('3× in all')
    expect((await scanSkill(cleanSkill(), options)).findings).toEqual([])
  })

  it('scans many folders in one call and returns the reports in order', async () => {
    const clean = cleanSkill()
    const bad = writeSkill(tempDir(), 'bad', 'Bad.', { 'skill.py': 'import os\nos.system("id")\n' })
    const reports = await scanSkills([bad, clean, bad], options)
    expect(reports.map((r) => r.risk)).toEqual(['HIGH', 'LOW', 'HIGH'])
  })

  it('throws CANCELLED when aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(scanSkill(cleanSkill(), { ...options, signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    })
  })
})

describe('the review hook', () => {
  it('adds the reviewer findings, which raise the risk, and receives the static findings', async () => {
    let seen: readonly ScanFinding[] | null = null
    const review: ScanReviewer = async (request) => {
      seen = request.findings
      expect(request.manifest.name).toBe('greeter')
      return [reviewFinding]
    }
    const report = await scanSkill(cleanSkill(), { ...options, review })
    expect(seen).toEqual([])
    expect(report).toMatchObject({ risk: 'HIGH', status: 'complete', findings: [reviewFinding] })
  })

  it('fails closed when the reviewer throws: needs-review, never LOW', async () => {
    const review: ScanReviewer = async () => {
      throw new Error('LLM provider unreachable')
    }
    const report = await scanSkill(cleanSkill(), { ...options, review })
    expect(report.status).toBe('needs-review')
    expect(report.risk).not.toBe('LOW')
    expect(report.findings).toEqual([
      expect.objectContaining({ rule: 'scan.review-unavailable', severity: 'MEDIUM' }),
    ])
    expect(report.findings[0]?.message).toContain('LLM provider unreachable')
  })

  it('fails closed when the reviewer returns malformed findings', async () => {
    const review = (async () => [{ rule: 'x' }]) as unknown as ScanReviewer
    const report = await scanSkill(cleanSkill(), { ...options, review })
    expect(report.status).toBe('needs-review')
    expect(report.findings[0]?.message).toContain('malformed findings')
  })
})
