import { appendFileSync, symlinkSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fingerprintFolder, scanSkillFolder } from '../../../../src-main/core/skills/fingerprint'
import { forgetDeclaredServerFiles } from '../../../../src-main/core/skills/serverFiles'
import { tempDir, writeTree } from '../../../support/fs'

const withServer = (command: string, args: string[]) =>
  [
    '---',
    'name: proxy',
    'description: Runs a declared server.',
    'metadata:',
    '  skilldock:',
    '    server:',
    `      command: ${JSON.stringify(command)}`,
    `      args: [${args.map((a) => JSON.stringify(a)).join(', ')}]`,
    '---',
    '# proxy',
    '',
  ].join('\n')

describe('files a declared server runs from outside the skill folder', () => {
  it('are part of the stat signature and the fingerprint', () => {
    const outside = writeTree(tempDir(), { 'server.py': 'print(1)\n' })
    const script = join(outside, 'server.py')
    const dir = writeTree(tempDir(), { 'SKILL.md': withServer('python3', ['-u', script, '--port=1']) })
    const scan = scanSkillFolder(dir)
    expect(scan.external.map((e) => e.path)).toEqual([script])
    const before = { fingerprint: fingerprintFolder(dir), signature: scan.statSignature }
    appendFileSync(script, '# x\n')
    expect(scanSkillFolder(dir).statSignature).not.toBe(before.signature)
    expect(fingerprintFolder(dir)).not.toBe(before.fingerprint)
  })

  it('follow links to the real file, and a missing file is pinned as missing', () => {
    const real = writeTree(tempDir(), { 'real.js': 'x' })
    const links = tempDir()
    symlinkSync(join(real, 'real.js'), join(links, 'server.js'))
    const dir = writeTree(tempDir(), {
      'SKILL.md': withServer('node', [join(links, 'server.js'), join(links, 'absent.js')]),
    })
    const before = fingerprintFolder(dir)
    expect(scanSkillFolder(dir).external.map((e) => e.path)).toEqual(
      [join(links, 'absent.js'), join(real, 'real.js')].sort(),
    )
    // Creating the file the server names later is a change too.
    writeTree(links, { 'absent.js': 'now here' })
    expect(fingerprintFolder(dir)).not.toBe(before)
  })

  it('leave an ordinary skill, and a server whose files are inside the folder, as before', () => {
    const plain = writeTree(tempDir(), { 'SKILL.md': '---\nname: plain\ndescription: d\n---\n# plain\n' })
    expect(scanSkillFolder(plain).external).toEqual([])
    const inside = writeTree(tempDir(), {
      'SKILL.md': withServer('node', ['server.js', '--verbose']),
      'server.js': 'x',
    })
    expect(scanSkillFolder(inside).external).toEqual([])
  })
})

describe('a scan given the signature the index holds', () => {
  it('does not read SKILL.md when the folder alone gives that signature (no server file outside)', () => {
    const dir = writeTree(tempDir(), { 'SKILL.md': '---\nname: plain\ndescription: d\n---\n# plain\n' })
    const first = scanSkillFolder(dir)
    forgetDeclaredServerFiles() // as in a new process
    const reads: string[] = []
    const again = scanSkillFolder(dir, {
      expected: first.statSignature,
      readSkillText: (file) => (reads.push(file), ''),
    })
    expect(again.statSignature).toBe(first.statSignature)
    expect(reads).toEqual([])
  })

  it('still reads SKILL.md, and sees an edited outside script, when the held signature covers one', () => {
    const outside = writeTree(tempDir(), { 'server.py': 'print(1)\n' })
    const script = join(outside, 'server.py')
    const dir = writeTree(tempDir(), { 'SKILL.md': withServer('python3', [script]) })
    const held = scanSkillFolder(dir).statSignature
    forgetDeclaredServerFiles()
    appendFileSync(script, '# changed\n')
    const reads: string[] = []
    const again = scanSkillFolder(dir, {
      expected: held,
      readSkillText: (file) => (reads.push(file), withServer('python3', [script])),
    })
    expect(reads).toEqual([join(dir, 'SKILL.md')])
    expect(again.external.map((e) => e.path)).toEqual([script])
    expect(again.statSignature).not.toBe(held)
  })
})
