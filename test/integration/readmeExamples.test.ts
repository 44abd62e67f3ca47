import { execFile, execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, skilldockBin } from '../support/build'
import { tempDir } from '../support/fs'

const root = resolve(__dirname, '..', '..')

/**
 * README examples that cannot run here, each with why. Matched against the example's text after
 * `npx skilldock `. Keep this short: an example that merely fails belongs fixed, not listed.
 */
const EXCEPTIONS: [RegExp, string][] = [
  [/^serve\b/, 'runs a server until interrupted (the e2e suite covers serve)'],
  [
    /^mcp( --client \S+)?$/,
    'an MCP stdio server that waits for a client (test/integration/mcpStdio.test.ts)',
  ],
  [/^secrets (set|list)\b/, 'needs the OS keychain (covered under test/support/with-keyring.sh)'],
  [/^(clients add|mcp-config|webhook add)\b/, 'stores a token or secret in the OS keychain'],
  [
    /^(clients (role|remove)|limit set --client) cursor\b/,
    'needs the client cursor, whose token lives in the keychain',
  ],
  [/^calls (approve|deny)\b/, 'needs a call held by another running process'],
  [/^worker$/, 'keeps running until interrupted (test/integration/worker.test.ts covers --once)'],
]

/**
 * Usage lines, not examples: they show a command's shape with placeholders (`<id>`, `[--skill S]`,
 * `{…}`) or list several commands joined by " · ". README should show each as a runnable example too.
 */
export function isUsageLine(example: string): boolean {
  return /<[a-z][\w-]*>|\[--?[a-z]|…|\s·\s/i.test(example)
}

/** Placeholders README uses for values only known at run time, and how the test finds them. */
const OLDEST_PENDING =
  'const a=JSON.parse(require("fs").readFileSync(0,"utf8")).sort((x,y)=>x.createdAt.localeCompare(y.createdAt));' +
  'process.stdout.write((a[0]||{id:"none"}).id)'
const PLACEHOLDERS: [RegExp, string][] = [
  // An approval id in README ("approve 1a2b3c4d"): the oldest pending request of the data home.
  [/\b1a2b3c4d\b/g, `"$(npx skilldock --json approvals | node -e '${OLDEST_PENDING}')"`],
]

/** Every `npx skilldock …` example of README.md: code-block lines and inline code, comments stripped. */
export function readmeExamples(markdown: string): string[] {
  const out: string[] = []
  let inBlock = false
  let pending = ''
  for (const raw of markdown.split('\n')) {
    if (/^\s*```/.test(raw)) {
      inBlock = !inBlock
      pending = ''
      continue
    }
    if (inBlock) {
      // A comment may say the exit code a person should expect ("# no skill fits: exits 3").
      const exit = /\s#\s.*\bexits? (\d)\b/.exec(raw)?.[1]
      const line = pending + raw.replace(/\s+#\s.*$/, '').trim() + (exit ? ` #exit=${exit}` : '')
      if (line.endsWith('\\')) {
        pending = line.slice(0, -1) + ' '
        continue
      }
      pending = ''
      if (/(^|\|\s*)npx skilldock\b/.test(line)) out.push(line)
      continue
    }
    for (const m of raw.matchAll(/`(npx skilldock [^`]+)`/g)) out.push(m[1]!)
  }
  return [...new Set(out)]
}

/** Runs one example with bash in the prepared folder; `npx skilldock` is the built launcher. */
function runExample(line: string, cwd: string, home: string): Promise<{ code: number; output: string }> {
  let command = line.replace(/ #exit=\d$/, '')
  for (const [re, value] of PLACEHOLDERS) command = command.replace(re, value)
  const script = `npx() { if [ "$1" = skilldock ]; then shift; node ${JSON.stringify(skilldockBin)} "$@"; else command npx "$@"; fi; }\nset -o pipefail\n${command}`
  return new Promise((done) => {
    const child = execFile(
      'bash',
      ['-c', script],
      {
        cwd,
        timeout: 90_000,
        env: {
          PATH: process.env.PATH,
          HOME: home,
          SKILLDOCK_HOME: join(home, 'skilldock'),
          KEY: 'example-key',
        },
      },
      (err, stdout, stderr) =>
        done({
          code: err ? (typeof err.code === 'number' ? err.code : 1) : 0,
          output: `${stdout}\n${stderr}`,
        }),
    )
    // Nobody at the keyboard: a command that waits for Enter sees the end of input and goes on.
    child.stdin?.end()
  })
}

/**
 * A folder where README's example paths exist: the repository's skills and resources, a small
 * sample skill at every `./relative/path` an example names, and `~/team-skills` as a git repository.
 */
function workspace(examples: string[]): { cwd: string; home: string } {
  const cwd = tempDir('skilldock-readme-cwd-')
  const home = tempDir('skilldock-readme-home-')
  symlinkSync(join(root, 'skills'), join(cwd, 'skills'))
  symlinkSync(join(root, 'resources'), join(cwd, 'resources'))
  const paths = new Set(examples.flatMap((e) => [...e.matchAll(/\s\.\/([\w./-]+)/g)].map((m) => m[1]!)))
  for (const path of paths) {
    const name = path.split('/').pop()!
    mkdirSync(join(cwd, path), { recursive: true })
    writeFileSync(
      join(cwd, path, 'SKILL.md'),
      `---\nname: ${name}\ndescription: An example skill from the README. Use when trying SkillDock.\n---\n\n# Example\n`,
    )
  }
  for (const file of new Set(
    examples.flatMap((e) => [...e.matchAll(/--variant-file (\S+)/g)].map((m) => m[1]!)),
  ))
    writeFileSync(
      join(cwd, file),
      'Converts units of measurement. Use when the user asks to convert a quantity.\n',
    )
  mkdirSync(join(home, 'team-skills'))
  execFileSync('git', ['init', '-q', join(home, 'team-skills')])
  return { cwd, home }
}

describe('README examples', () => {
  // SKILLDOCK_README checks a proposed README before it replaces the real one.
  const readme = process.env.SKILLDOCK_README ?? join(root, 'README.md')
  const examples = readmeExamples(readFileSync(readme, 'utf8'))
  beforeAll(() => ensureBuilt(), 300_000)

  it('finds the examples', () => {
    expect(examples.length).toBeGreaterThan(30)
    expect(examples).toContain('npx skilldock init')
  })

  it('every example runs against a temporary data home (in README order)', async () => {
    const { cwd, home } = workspace(examples)
    const failed: string[] = []
    let ran = 0
    for (const example of examples) {
      const rest = example.replace(/^.*?npx skilldock\s*/, '')
      if (isUsageLine(example) || EXCEPTIONS.some(([re]) => re.test(rest))) continue
      ran++
      const expected = Number(/ #exit=(\d)$/.exec(example)?.[1] ?? 0)
      const { code, output } = await runExample(example, cwd, home)
      if (code !== expected)
        failed.push(`${example}\n  exit ${code}: ${output.trim().split('\n').slice(-3).join(' | ')}`)
    }
    expect(failed, failed.join('\n')).toEqual([])
    expect(ran).toBeGreaterThan(30)
  }, 900_000)
})
