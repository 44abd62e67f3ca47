import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import type { ValidationReport } from '../contract/models'

// compile() checks the whole grammar (more than ast.parse: e.g. `return` outside a function) and,
// unlike py_compile, writes no bytecode into the skill folder.
const CHECK = [
  'import sys',
  'src = open(sys.argv[1], "rb").read()',
  'try:',
  '    compile(src, sys.argv[1], "exec", dont_inherit=True)',
  'except (SyntaxError, ValueError) as e:',
  "    print(f\"{getattr(e, 'lineno', None) or 0}\\t{getattr(e, 'msg', None) or e}\")",
].join('\n')

/**
 * Adds a `PY_SYNTAX` error to a validation report when the skill's `skill.py` does not compile
 * with the real python3, naming the line. Without python3 the report stays as it is, with a warning.
 */
export function withPythonSyntax(
  path: string,
  report: ValidationReport,
  python = 'python3',
): ValidationReport {
  const folder = existsSync(path) && statSync(path).isDirectory() ? path : dirname(path)
  const script = join(folder, 'skill.py')
  if (!existsSync(script)) return report
  let out: string
  try {
    out = execFileSync(python, ['-I', '-c', CHECK, script], { encoding: 'utf8', timeout: 20_000 }).trim()
  } catch {
    return {
      ...report,
      warnings: [
        ...report.warnings,
        {
          code: 'PY_UNCHECKED',
          message: 'skill.py was not checked: python3 could not run (`skilldock doctor`).',
          field: 'skill.py',
        },
      ],
    }
  }
  if (out === '') return report
  const [line = '0', message = 'invalid syntax'] = out.split('\t')
  const n = Number(line)
  return {
    ...report,
    valid: false,
    errors: [
      ...report.errors,
      {
        code: 'PY_SYNTAX',
        message: `skill.py${n > 0 ? ` line ${n}` : ''}: ${message}; fix it and validate again.`,
        ...(n > 0 ? { line: n } : {}),
        field: 'skill.py',
      },
    ],
  }
}
