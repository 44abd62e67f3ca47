import { z } from 'zod'
import { ScanFinding, type ScanReport } from '../../../contract/models'
import { AppError } from '../../base/appError'
import { type Clock, isoNow, systemClock } from '../../base/clock'
import { normalizeText } from '../../skills/frontmatter'
import { parseSkillMd, type SkillManifest } from '../../skills/manifest'
import { highestRisk, makeFinding, normalizeFindings } from './findings'
import { frontmatterFindings } from './frontmatterRules'
import { analyzePythonProjects } from './pythonAnalyzer'
import { pythonFindings } from './pythonPolicy'
import { skillContext } from './skillContext'
import { type StaticScan, staticScan } from './staticScan'
import { scanText } from './textRules'

export { toSarif } from './sarif'
export { ruleTitle, RULE_TITLES } from './ruleCatalog'

/** What an extra reviewer (the LLM review the generator issue adds) is given. */
export interface ScanReviewRequest {
  dir: string
  manifest: SkillManifest
  /** The static findings so far. */
  findings: readonly ScanFinding[]
  signal?: AbortSignal
}

/** Adds findings to a scan; throwing makes the report `needs-review` (fail closed). */
export type ScanReviewer = (request: ScanReviewRequest) => Promise<ScanFinding[]>

export interface ScanOptions {
  /** The Python interpreter that parses `.py` files (never runs them), e.g. `python3`. */
  python: string
  /** The app's `resources/` folder, for `python/analyze.py`. */
  resourcesDir: string
  clock?: Clock
  signal?: AbortSignal
  /** An optional extra review whose findings are added; when it throws, the report is `needs-review`. */
  review?: ScanReviewer
  /** How long one Python analyzer process may run (default 20 s). */
  pythonTimeoutMs?: number
}

/** Skills whose Python files one analyzer process handles, and how many such processes run at once. */
const PYTHON_BATCH = 16
const PYTHON_PROCESSES = 4

/**
 * Scans a skill folder: its files (links, binaries, disguised and hidden files), SKILL.md and other
 * text (prompt injection, hidden instructions, exfiltration, invisible Unicode), scripts (download
 * and run, reverse shells, persistence, credential theft) and Python (an AST analysis that never
 * runs the code). Never throws for bad content: what cannot be analysed is itself a finding and
 * makes the report `needs-review`. Throws AppError('CANCELLED') when the signal aborts.
 */
export async function scanSkill(dir: string, options: ScanOptions): Promise<ScanReport> {
  const [report] = await scanSkills([dir], options)
  if (!report) throw new AppError('INTERNAL', 'The scan produced no report.')
  return report
}

/** Scans many skill folders, sharing Python analyzer processes between them; reports in input order. */
export async function scanSkills(dirs: readonly string[], options: ScanOptions): Promise<ScanReport[]> {
  throwIfCancelled(options.signal)
  const scans = dirs.map((dir) => ({ ...staticScan(dir), status: 'complete' as ScanReport['status'] }))
  const withPython = scans.filter((s) => s.pythonFiles.length > 0)
  const batches: (typeof scans)[] = []
  for (let i = 0; i < withPython.length; i += PYTHON_BATCH)
    batches.push(withPython.slice(i, i + PYTHON_BATCH))
  await inPool(batches, PYTHON_PROCESSES, (batch) => analyzeBatch(batch, options))
  for (const scan of scans) {
    if (options.review) await review(scan, options.review, options.signal)
  }
  const scannedAt = isoNow(options.clock ?? systemClock)
  return scans.map((scan) => {
    const findings = normalizeFindings(scan.findings)
    return {
      risk: highestRisk(findings),
      findings,
      status: scan.status,
      fingerprint: scan.fingerprint,
      scannedAt,
    }
  })
}

/** Scans SKILL.md text alone (the editor's live warnings): text, Unicode, command and frontmatter rules. */
export function scanSkillText(text: string): ScanFinding[] {
  const normalized = normalizeText(text)
  const { manifest } = parseSkillMd(normalized)
  const context = skillContext(manifest)
  return normalizeFindings([
    ...scanText('SKILL.md', normalized, 'markdown', context),
    ...frontmatterFindings('SKILL.md', normalized, manifest),
  ])
}

type PendingScan = StaticScan & { status: ScanReport['status'] }

async function analyzeBatch(batch: PendingScan[], options: ScanOptions): Promise<void> {
  throwIfCancelled(options.signal)
  try {
    const analyses = await analyzePythonProjects(
      batch.map((scan) => ({ root: scan.root, files: scan.pythonFiles })),
      {
        python: options.python,
        resourcesDir: options.resourcesDir,
        signal: options.signal,
        timeoutMs: options.pythonTimeoutMs,
      },
    )
    batch.forEach((scan, i) => {
      const found = pythonFindings(analyses[i] ?? [], scan.context)
      // A file the analyzer could not finish (too large, too deep, out of time) leaves the scan incomplete.
      if (found.some((f) => f.rule === 'py.unanalyzable')) scan.status = 'needs-review'
      scan.findings.push(...found)
    })
  } catch (err) {
    if (err instanceof AppError && err.code === 'CANCELLED') throw err
    const reason = AppError.from(err).message
    for (const scan of batch) {
      scan.status = 'needs-review'
      scan.findings.push(...scan.pythonFiles.map((path) => unanalyzed(path, reason)))
    }
  }
}

async function review(
  scan: PendingScan,
  reviewer: ScanReviewer,
  signal: AbortSignal | undefined,
): Promise<void> {
  throwIfCancelled(signal)
  try {
    const request = { dir: scan.root, manifest: scan.manifest, findings: [...scan.findings], signal }
    scan.findings.push(...z.array(ScanFinding).parse(await reviewer(request)))
  } catch (err) {
    if (err instanceof AppError && err.code === 'CANCELLED') throw err
    scan.status = 'needs-review'
    scan.findings.push(reviewUnavailable(err))
  }
}

async function inPool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items]
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item)
  }
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker))
}

function unanalyzed(path: string, reason: string): ScanFinding {
  const message = `Could not be analysed because the Python analyzer failed (${reason}). Nothing is known about what this code does; review it by hand or scan again once Python 3 works.`
  return makeFinding('py.unanalyzed', 'HIGH', path, null, message, path)
}

function reviewUnavailable(err: unknown): ScanFinding {
  const reason = err instanceof z.ZodError ? 'it returned malformed findings' : AppError.from(err).message
  const message = `The additional review could not run (${reason}). The static scan finished; review the skill yourself before approving, or scan again later.`
  return makeFinding('scan.review-unavailable', 'MEDIUM', '.', null, message, reason)
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('CANCELLED', 'The scan was cancelled.')
}
