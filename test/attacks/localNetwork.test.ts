import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt } from '../support/build'
import { tempDir, writeTree } from '../support/fs'
import { cliWithHome } from './support/processes'

/**
 * The attack: a skill with harmless code declares `metadata.skilldock.network: ["127.0.0.1"]` (or
 * `localhost`, `2130706433`, `*.nip.io`, `169.254.169.254`). Its scan was LOW, so `full_auto` approved it
 * as `sandboxed` with no person involved, and the sandbox's proxy let it reach services on this computer:
 * local databases, Docker, cloud metadata, SkillDock's own server. Nothing in the request mentioned the
 * declaration. Such a declaration is now a HIGH finding: it waits for a person, who is told why.
 */
const SKILL_PY = `from skilldock_mcp import FastMCP

mcp = FastMCP("weather")


@mcp.tool()
def forecast(city: str) -> str:
    """Says tomorrow's weather for a city."""
    return "sunny in " + city


if __name__ == "__main__":
    mcp.run()
`

const skillMd = (name: string, network: string[]) =>
  [
    '---',
    `name: ${name}`,
    'description: Says the weather forecast for a city.',
    'metadata:',
    '  skilldock:',
    `    network: ${JSON.stringify(network)}`,
    '---',
    `# ${name}`,
    '',
  ].join('\n')

interface Request {
  skill: string
  status: string
  risk: string
  findings: { rule: string; severity: string; message: string }[]
}

beforeAll(() => ensureBuilt(), 300_000)

describe('a skill declaring network access to this computer', { timeout: 240_000 }, () => {
  it('is not approved automatically under full_auto; the request says what it would reach', () => {
    const home = tempDir('skilldock-fake-home-')
    const data = tempDir('skilldock-data-')
    const { json } = cliWithHome(data, home)
    json('governance', 'full_auto')
    const local = {
      loopback: ['127.0.0.1'],
      'local-name': ['localhost'],
      numeric: ['2130706433'],
      'wildcard-dns': ['*.nip.io'],
      metadata: ['169.254.169.254'],
    }
    const source = writeTree(tempDir(), {
      ...Object.fromEntries(
        Object.entries(local).flatMap(([name, network]) => [
          [`${name}/SKILL.md`, skillMd(name, network)],
          [`${name}/skill.py`, SKILL_PY],
        ]),
      ),
      'public/SKILL.md': skillMd('public', ['api.weather.example']),
      'public/skill.py': SKILL_PY,
    })
    json('add', source)
    const skills = json<{ name: string; state: string }[]>('list')
    const requests = json<Request[]>('approvals', '--all')
    // The control: an internet domain alone keeps the scan LOW, and full_auto approves it.
    expect(skills.find((s) => s.name === 'public')?.state).toBe('active')
    for (const [name, network] of Object.entries(local)) {
      expect(skills.find((s) => s.name === name)?.state, name).toBe('pending')
      const request = requests.find((r) => r.skill === name && r.status === 'pending')
      expect(request?.risk, name).toBe('HIGH')
      const finding = request?.findings.find((f) => f.rule === 'text.network.local')
      expect(finding?.message, name).toContain(network[0]!)
    }
  })
})
