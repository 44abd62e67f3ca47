import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { SkillTestCheck, SkillTestReport } from '../../contract/models'
import { AppError } from '../base/appError'
import { loadSkill } from '../skills/manifest'
import type { ProcessSupervisor } from './supervisor'

interface Example {
  tool: string
  arguments?: Record<string, unknown>
  /** A substring of the text result, or a JSON subset of the structured result. */
  expect?: unknown
}

/** True when every key/element of `expected` is present with an equal value in `actual`. */
export function isJsonSubset(expected: unknown, actual: unknown): boolean {
  if (expected === null || typeof expected !== 'object') return Object.is(expected, actual)
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && expected.every((item) => actual.some((a) => isJsonSubset(item, a)))
  }
  if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false
  return Object.entries(expected).every(([k, v]) => isJsonSubset(v, (actual as Record<string, unknown>)[k]))
}

function checkSyntax(python: string, file: string): Promise<string | null> {
  const code =
    'import ast, sys\nsrc = open(sys.argv[1], encoding="utf-8").read()\nast.parse(src, sys.argv[1])'
  return new Promise((resolve) => {
    execFile(python, ['-I', '-c', code, file], { timeout: 20_000 }, (err, _stdout, stderr) =>
      resolve(err ? stderr.trim().split('\n').slice(-3).join(' ') || err.message : null),
    )
  })
}

/**
 * Tools (functions decorated with `@<server>.tool`) whose whole body raises NotImplementedError, as
 * `name (line N)`: a template nobody wrote yet must not pass as a working skill.
 */
const UNIMPLEMENTED = `import ast, sys
tree = ast.parse(open(sys.argv[1], encoding="utf-8").read(), sys.argv[1])
def is_tool(d):
    d = d.func if isinstance(d, ast.Call) else d
    return isinstance(d, ast.Attribute) and d.attr == "tool"
def only_raises(body):
    body = [s for s in body if not (isinstance(s, ast.Expr) and isinstance(s.value, ast.Constant))]
    if len(body) != 1 or not isinstance(body[0], ast.Raise) or body[0].exc is None:
        return False
    exc = body[0].exc.func if isinstance(body[0].exc, ast.Call) else body[0].exc
    return isinstance(exc, ast.Name) and exc.id == "NotImplementedError"
for node in ast.walk(tree):
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(map(is_tool, node.decorator_list)) and only_raises(node.body):
        print(f"{node.name} (line {node.lineno})")
`

function unimplementedTools(python: string, file: string): Promise<string[]> {
  return new Promise((resolve) => {
    execFile(python, ['-I', '-c', UNIMPLEMENTED, file], { timeout: 20_000 }, (err, stdout) =>
      resolve(err ? [] : stdout.split('\n').filter((l) => l.trim() !== '')),
    )
  })
}

function readExamples(dir: string): Example[] | string | null {
  const file = join(dir, 'examples.json')
  if (!existsSync(file)) return null
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown
    if (!Array.isArray(parsed)) return 'examples.json must be a JSON list of {tool, arguments, expect}'
    const bad = parsed.findIndex((e) => typeof (e as Example)?.tool !== 'string')
    return bad === -1 ? (parsed as Example[]) : `examples.json entry ${bad + 1} has no "tool"`
  } catch (err) {
    return `examples.json is not valid JSON: ${(err as Error).message}`
  }
}

/**
 * `skilldock test`: validates the manifest, checks the Python syntax with the real interpreter,
 * starts the server, compares declared and served tools, and runs the skill's own examples.
 */
export async function testSkill(
  name: string,
  path: string,
  deps: { supervisor: ProcessSupervisor; python: string },
): Promise<SkillTestReport> {
  const checks: SkillTestCheck[] = []
  const add = (id: string, label: string, status: SkillTestCheck['status'], detail: string) =>
    checks.push({ id, label, status, detail })
  const parsed = loadSkill(path)
  add(
    'manifest',
    'SKILL.md is valid',
    parsed.errors.length === 0 ? 'pass' : 'fail',
    parsed.errors.length === 0
      ? `${parsed.warnings.length} warning(s)`
      : parsed.errors.map((e) => `${e.code}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`).join('; '),
  )
  const script = join(path, 'skill.py')
  if (existsSync(script)) {
    const error = await checkSyntax(deps.python, script)
    add('syntax', 'skill.py parses', error ? 'fail' : 'pass', error ?? 'no syntax errors')
    if (!error) {
      const stubs = await unimplementedTools(deps.python, script)
      add(
        'implemented',
        'every tool is implemented',
        stubs.length === 0 ? 'pass' : 'fail',
        stubs.length === 0
          ? 'no tool only raises NotImplementedError'
          : `not implemented yet: ${stubs.join(', ')} only raise NotImplementedError; write the tool body in skill.py, then run skilldock test ${name} again`,
      )
    }
  } else {
    add(
      'syntax',
      'skill.py parses',
      'skip',
      parsed.manifest.server ? 'declares a non-Python server' : 'no skill.py',
    )
  }
  if (!existsSync(script) && !parsed.manifest.server) {
    add('handshake', 'server starts', 'skip', 'instruction-only skill: nothing to run')
    return { skill: name, passed: checks.every((c) => c.status !== 'fail'), checks }
  }
  let served: string[] = []
  try {
    served = (await deps.supervisor.listTools(name, true)).map((t) => t.name)
    add('handshake', 'server starts and answers the MCP handshake', 'pass', `${served.length} tool(s)`)
  } catch (err) {
    add('handshake', 'server starts and answers the MCP handshake', 'fail', AppError.from(err).message)
    return { skill: name, passed: false, checks }
  }
  add(
    'tools',
    'serves at least one tool',
    served.length > 0 ? 'pass' : 'fail',
    served.join(', ') || 'no tools',
  )
  const declared = parsed.manifest.tools
  if (declared.length === 0) {
    add('declared', 'declared tools match served tools', 'skip', 'SKILL.md declares no `tools`')
  } else {
    const missing = declared.filter((t) => !served.includes(t))
    const extra = served.filter((t) => !declared.includes(t))
    const ok = missing.length === 0 && extra.length === 0
    add(
      'declared',
      'declared tools match served tools',
      ok ? 'pass' : 'fail',
      ok
        ? declared.join(', ')
        : [
            missing.length ? `declared but not served: ${missing.join(', ')}` : '',
            extra.length ? `served but not declared: ${extra.join(', ')}` : '',
          ]
            .filter(Boolean)
            .join('; '),
    )
  }
  await runExamples(name, path, deps.supervisor, add)
  return { skill: name, passed: checks.every((c) => c.status !== 'fail'), checks }
}

async function runExamples(
  name: string,
  path: string,
  supervisor: ProcessSupervisor,
  add: (id: string, label: string, status: SkillTestCheck['status'], detail: string) => void,
): Promise<void> {
  const examples = readExamples(path)
  if (examples === null) return add('examples', 'examples.json', 'skip', 'no examples.json')
  if (typeof examples === 'string') return add('examples', 'examples.json', 'fail', examples)
  for (const [i, example] of examples.entries()) {
    const label = `example ${i + 1}: ${example.tool}`
    try {
      const result = await supervisor.callTool(name, example.tool, example.arguments ?? {})
      const text = result.content
        .filter((c): c is { type: 'text'; text: string } => c.type === 'text')
        .map((c) => c.text)
        .join('\n')
      if (result.isError) {
        add(`example-${i + 1}`, label, 'fail', `the tool returned an error: ${text.slice(0, 300)}`)
        continue
      }
      const ok =
        example.expect === undefined ||
        (typeof example.expect === 'string'
          ? text.includes(example.expect)
          : isJsonSubset(example.expect, result.structuredContent ?? safeJson(text)))
      add(
        `example-${i + 1}`,
        label,
        ok ? 'pass' : 'fail',
        ok ? 'result as expected' : `expected ${JSON.stringify(example.expect)}; got ${text.slice(0, 300)}`,
      )
    } catch (err) {
      add(`example-${i + 1}`, label, 'fail', AppError.from(err).message)
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
