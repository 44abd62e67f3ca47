import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { z } from 'zod'
import { RiskLevel } from '../../../contract/models'
import { AppError } from '../../base/appError'

/** The analyzer is killed after this long; the scan then reports its Python files as not analysed. */
export const ANALYZER_TIMEOUT_MS = 20_000
const MAX_OUTPUT_BYTES = 32 * 1024 * 1024

const RawFinding = z.object({
  rule: z.string(),
  severity: RiskLevel,
  line: z.number().int().nullable(),
  message: z.string(),
  evidence: z.string(),
  facts: z.record(z.string(), z.unknown()).optional(),
})
export type RawPythonFinding = z.infer<typeof RawFinding>

const FileAnalysis = z.object({
  path: z.string(),
  findings: z.array(RawFinding),
  /** Docstrings and long prose literals (tool descriptions an agent reads). */
  texts: z.array(z.object({ line: z.number().int(), text: z.string() })).default([]),
})
export type PythonFileAnalysis = z.infer<typeof FileAnalysis>

const AnalyzerOutput = z.object({
  version: z.literal(1),
  projects: z.array(z.object({ root: z.string(), files: z.array(FileAnalysis) })),
})

/** One skill folder and the Python files in it (relative paths). */
export interface PythonProject {
  root: string
  files: readonly string[]
}

export interface PythonAnalyzerOptions {
  /** The Python interpreter, e.g. `python3`. */
  python: string
  /** The app's `resources/` folder, which holds `python/analyze.py`. */
  resourcesDir: string
  signal?: AbortSignal
  timeoutMs?: number
}

/** Analyses the Python files of one folder; see analyzePythonProjects. */
export async function analyzePythonFiles(
  root: string,
  files: readonly string[],
  options: PythonAnalyzerOptions,
): Promise<PythonFileAnalysis[]> {
  const [analyses] = await analyzePythonProjects([{ root, files }], options)
  return analyses ?? []
}

/**
 * Runs `python3 -I resources/python/analyze.py` once over the Python files of several skill
 * folders (imports are followed within each folder). The code is parsed, never run. Resolves with
 * one list of file analyses per project, in order. Rejects with AppError('INTERNAL') when the
 * analyzer cannot start, fails or times out, and AppError('CANCELLED') when the signal aborts.
 */
export function analyzePythonProjects(
  projects: readonly PythonProject[],
  options: PythonAnalyzerOptions,
): Promise<PythonFileAnalysis[][]> {
  if (projects.every((p) => p.files.length === 0)) return Promise.resolve(projects.map(() => []))
  const script = join(options.resourcesDir, 'python', 'analyze.py')
  const timeoutMs = options.timeoutMs ?? ANALYZER_TIMEOUT_MS
  // The analyzer stops itself a little before it would be killed, reporting what it did not reach.
  const deadline = Math.max(1, timeoutMs / 1000 - 4)
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(cancelled())
      return
    }
    const child = spawn(options.python, ['-I', script, '--deadline', String(deadline), '--stdin'], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: analyzerEnvironment(),
      windowsHide: true,
    })
    const chunks: Buffer[] = []
    let size = 0
    let stderr = ''
    let settled = false
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      outcome()
    }
    const fail = (message: string): void => {
      child.kill('SIGKILL')
      settle(() => reject(new AppError('INTERNAL', message)))
    }
    const timer = setTimeout(
      () => fail(`the Python analyzer ran over ${timeoutMs / 1000} s and was stopped`),
      timeoutMs,
    )
    const onAbort = (): void => {
      child.kill('SIGKILL')
      settle(() => reject(cancelled()))
    }
    options.signal?.addEventListener('abort', onAbort, { once: true })
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_OUTPUT_BYTES) fail('the Python analyzer produced too much output')
      else chunks.push(chunk)
    })
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderr.length < 8000) stderr += chunk.toString('utf8')
    })
    child.on('error', (err) => fail(`could not start ${options.python} (${err.message}); install Python 3`))
    child.on('close', (code) => {
      if (code !== 0) {
        const reason = stderr.trim().split('\n').pop() ?? ''
        fail(`the Python analyzer exited with status ${code ?? 'unknown'}${reason ? `: ${reason}` : ''}`)
        return
      }
      settle(() => {
        try {
          const parsed = AnalyzerOutput.parse(JSON.parse(Buffer.concat(chunks).toString('utf8')))
          if (parsed.projects.length !== projects.length) throw new Error('wrong number of projects')
          resolve(parsed.projects.map((p) => p.files))
        } catch (err) {
          const reason = err instanceof Error ? err.message.split('\n')[0] : String(err)
          reject(new AppError('INTERNAL', `the Python analyzer returned unreadable output (${reason})`))
        }
      })
    })
    child.stdin.on('error', () => undefined) // the analyzer may exit before reading all paths
    child.stdin.end(JSON.stringify({ projects: projects.map((p) => ({ root: p.root, files: p.files })) }))
  })
}

function cancelled(): AppError {
  return new AppError('CANCELLED', 'The scan was cancelled.')
}

/** Only what the interpreter needs to start; `-I` already ignores PYTHON* variables and user site-packages. */
function analyzerEnvironment(): Record<string, string> {
  const env: Record<string, string> = { LANG: 'C.UTF-8' }
  for (const name of ['PATH', 'SystemRoot', 'SYSTEMROOT']) {
    const value = process.env[name]
    if (value !== undefined) env[name] = value
  }
  return env
}
