import { execFile } from 'node:child_process'
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { DraftCheck, DraftProblem, SkillFileText } from '../../contract/files'
import type { ScanFinding, ScanReport } from '../../contract/models'
import type { Handlers } from '../dispatch'
import { MAX_EDIT_BYTES, resolveInside } from './skillFileAccess'

export interface DraftCheckDeps {
  python: string
  /** The folder the editor reads the skill from (its draft copy when there is one). */
  workspaceDir: (name: string) => string
  /** A static scan of a folder: no model review, so checking as one types costs nothing. */
  scan: (dir: string) => Promise<ScanReport>
}

/** Findings the editor shows as syntax problems instead: they are the author's mistakes, not threats. */
const SYNTAX_RULES = new Set(['py.syntax-error'])

// Reads the source from stdin: the unsaved text never touches the disk for this check.
const PY_CHECK = [
  'import ast, json, sys',
  'src = sys.stdin.read()',
  'try:',
  '    ast.parse(src, sys.argv[1])',
  'except SyntaxError as e:',
  '    print(json.dumps({"line": e.lineno, "message": e.msg}))',
].join('\n')

/** The Python syntax error of `content`, or null; a missing interpreter is not the author's problem. */
function pythonSyntax(python: string, file: string, content: string): Promise<DraftProblem | null> {
  return new Promise((resolve) => {
    const child = execFile(
      python,
      ['-I', '-c', PY_CHECK, file],
      { timeout: 10_000, maxBuffer: 64 * 1024 },
      (error, stdout) => {
        if (error || stdout.trim() === '') return resolve(null)
        try {
          const { line, message } = JSON.parse(stdout) as { line: number | null; message: string }
          resolve({
            file,
            line: typeof line === 'number' && line > 0 ? line : null,
            message: `Python cannot read this file: ${message}.`,
          })
        } catch {
          resolve(null)
        }
      },
    )
    child.stdin?.end(content)
  })
}

/** The JSON syntax error of `content`, at its line, or null. */
function jsonSyntax(file: string, content: string): DraftProblem | null {
  try {
    JSON.parse(content)
    return null
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const position = /position (\d+)/.exec(message)
    const line = position ? content.slice(0, Number(position[1])).split('\n').length : null
    return { file, line, message: `This is not valid JSON: ${message}.` }
  }
}

/**
 * The editor's checks of unsaved text: syntax errors of Python and JSON files, and a static
 * security scan of a scratch copy of the draft with the edits laid over it (removed afterwards).
 */
export async function checkDraft(
  deps: DraftCheckDeps,
  name: string,
  files: readonly SkillFileText[],
): Promise<DraftCheck> {
  const dir = deps.workspaceDir(name)
  for (const file of files) resolveInside(dir, file.path)
  const checked = files.filter((file) => Buffer.byteLength(file.content) <= MAX_EDIT_BYTES)
  const problems = (
    await Promise.all(
      checked.map((file) =>
        file.path.endsWith('.py')
          ? pythonSyntax(deps.python, file.path, file.content)
          : file.path.endsWith('.json')
            ? Promise.resolve(jsonSyntax(file.path, file.content))
            : Promise.resolve(null),
      ),
    )
  ).filter((problem): problem is DraftProblem => problem !== null)

  const scratch = mkdtempSync(join(tmpdir(), 'skilldock-check-'))
  let findings: ScanFinding[]
  try {
    const copy = join(scratch, name)
    cpSync(dir, copy, { recursive: true, verbatimSymlinks: true })
    for (const file of checked) {
      const target = resolveInside(copy, file.path)
      mkdirSync(dirname(target), { recursive: true })
      writeFileSync(target, file.content)
    }
    const report = await deps.scan(copy)
    findings = report.findings.filter((finding) => !SYNTAX_RULES.has(finding.rule))
    // Files not open in the editor are checked by the scan: their syntax errors are problems too.
    for (const finding of report.findings) {
      if (finding.rule !== 'py.syntax-error' || problems.some((p) => p.file === finding.file)) continue
      problems.push({
        file: finding.file,
        line: finding.line,
        message: `Python cannot read this file (${finding.evidence}).`,
      })
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true })
  }
  return { problems, findings }
}

/** The route of the editor's live checks (contract/files.ts). */
export function draftCheckHandlers(deps: DraftCheckDeps): Pick<Handlers, 'files.check'> {
  return {
    'files.check': ({ name, files }) => checkDraft(deps, name, files),
  }
}
