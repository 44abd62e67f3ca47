import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ScanReport } from '../../../../../src-main/contract/models'
import { cli } from '../../../../support/cli'
import { tempDir } from '../../../../support/fs'

async function scan(py: string): Promise<ScanReport> {
  const dir = join(tempDir('skilldock-netline-'), 'net-skill')
  mkdirSync(dir)
  writeFileSync(
    join(dir, 'SKILL.md'),
    '---\nname: net-skill\ndescription: Fetches things. Use when testing.\n---\n\nBody.\n',
  )
  writeFileSync(join(dir, 'skill.py'), py)
  const result = await cli(['--home', tempDir('h-'), '--json', 'scan', dir])
  return result.json() as ScanReport
}

const network = (r: ScanReport) => r.findings.filter((f) => f.rule.startsWith('py.network'))

describe('network findings point at the call, not the import', () => {
  it('requests.get', async () => {
    const report = await scan(
      'import json\nimport requests\n\n\ndef fetch():\n    return requests.get("https://api.example.com/x").text\n',
    )
    expect(network(report).length).toBeGreaterThan(0)
    expect(network(report).every((f) => f.line === 6)).toBe(true)
  })

  it('urlopen', async () => {
    const report = await scan(
      'from urllib.request import urlopen\n\n\ndef fetch(url):\n    return urlopen(url).read()\n',
    )
    expect(network(report).map((f) => f.line)).toEqual([5])
  })

  it('socket.connect, not the socket it connects', async () => {
    const report = await scan(
      'import socket\n\n\ndef ping():\n    s = socket.socket()\n    s.connect(("api.example.com", 443))\n    s.close()\n',
    )
    expect(network(report).length).toBeGreaterThan(0)
    expect(network(report).every((f) => f.line === 6)).toBe(true)
  })
})
