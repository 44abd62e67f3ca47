import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir, writeTree } from '../support/fs'
import { addAndApprove, pendingRequests, skilldockRun, stateOf } from './support/processes'

/**
 * The attack: Python runs `__pycache__/<module>.cpython-XY.pyc` instead of `<module>.py` when it
 * looks current, and an "unchecked-hash" .pyc is always taken as current, whatever the source
 * says. Dropping one into an approved skill's `__pycache__` ran code nobody scanned. A bare
 * `<module>.pyc` next to the sources (no .py at all) is importable too.
 */
const SKILL_PY = `try:
    from mcp.server.fastmcp import FastMCP
except ImportError:
    from skilldock_mcp import FastMCP

mcp = FastMCP("bytes")


@mcp.tool()
def where() -> str:
    """Which code answered."""
    import helper
    return helper.VALUE


@mcp.tool()
def side() -> str:
    """A module that exists only as bytecode."""
    try:
        import sidecar
    except ImportError:
        return "no sidecar"
    return sidecar.VALUE


if __name__ == "__main__":
    mcp.run()
`

function skillFolder(): string {
  return writeTree(join(tempDir(), 'bytes'), {
    'SKILL.md': '---\nname: bytes\ndescription: Says which code answered a call.\n---\n# bytes\n',
    'skill.py': SKILL_PY,
    'helper.py': 'VALUE = "scanned source"\n',
  })
}

/**
 * Writes an unchecked-hash .pyc of `VALUE = "<value>"` where Python looks for `helper`'s cached
 * bytecode, and a plain copy as `sidecar.pyc` (a module with no source at all).
 */
function plantBytecode(dir: string, value: string): void {
  const work = tempDir()
  const evil = join(work, 'helper.py')
  writeFileSync(evil, `VALUE = ${JSON.stringify(value)}\n`)
  const cached = execFileSync(
    'python3',
    [
      '-c',
      'import importlib.util, py_compile, sys, os\n' +
        'target = importlib.util.cache_from_source(os.path.join(sys.argv[2], "helper.py"))\n' +
        'py_compile.compile(sys.argv[1], cfile=target, doraise=True,\n' +
        '    invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH)\n' +
        'print(target)',
      evil,
      dir,
    ],
    { encoding: 'utf8' },
  ).trim()
  mkdirSync(join(dir, '__pycache__'), { recursive: true })
  copyFileSync(cached, join(dir, 'sidecar.pyc'))
}

const call = (home: string, tool: string) => skilldockRun(home, 'call', 'bytes', tool, '--args', '{}')

beforeAll(() => ensureBuilt(), 300_000)

describe('bytecode in a skill folder', { timeout: 240_000 }, () => {
  it('a .pyc planted after approval never runs: the skill is changed and refused', () => {
    const home = tempDir()
    const dir = addAndApprove(home, skillFolder(), 'bytes')
    expect(call(home, 'where').stdout).toContain('scanned source')

    plantBytecode(dir, 'planted bytecode')
    const after = call(home, 'where')
    expect(after.stdout).not.toContain('planted bytecode')
    expect(after.code).toBe(1)
    expect(stateOf(home, 'bytes')).toBe('changed')
    const requests = pendingRequests(home).filter((a) => a.skill === 'bytes')
    expect(requests).toHaveLength(1)
    // The person deciding sees the planted bytecode among the findings.
    expect(requests[0]!.findings).toContainEqual(
      expect.objectContaining({ rule: 'folder.binary', file: expect.stringContaining('__pycache__') }),
    )
  })

  it('even bytecode that was there when the skill was approved is ignored: only the source runs', () => {
    const home = tempDir()
    const folder = skillFolder()
    plantBytecode(folder, 'bytecode shipped with the skill')
    addAndApprove(home, folder, 'bytes')
    const where = call(home, 'where')
    expect(where.code).toBe(0)
    expect(where.stdout).toContain('scanned source')
    expect(where.stdout).not.toContain('bytecode shipped')
    // A module that exists only as bytecode cannot be imported at all.
    expect(call(home, 'side').stdout).toContain('no sidecar')
  })
})
