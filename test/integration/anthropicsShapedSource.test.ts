import { chmodSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { makeCore } from '../support/core'
import { skillMd } from '../support/fs'
import { commit, git, gitRepo } from '../support/git'

/**
 * A repository shaped like anthropics/skills (checked by hand against its real tree): three plugins
 * in .claude-plugin/marketplace.json listing 17 folders under skills/, a template/ folder no plugin
 * lists, Python and shell scripts, and claude-api's description of 1,068 characters, written as a
 * `|-` block, over the spec's 1,024. Generated here: tests have no network.
 */
const documentSkills = ['xlsx', 'docx', 'pptx', 'pdf']
const exampleSkills = [
  'algorithmic-art',
  'brand-guidelines',
  'canvas-design',
  'doc-coauthoring',
  'frontend-design',
  'internal-comms',
  'mcp-builder',
  'skill-creator',
  'slack-gif-creator',
  'theme-factory',
  'web-artifacts-builder',
  'webapp-testing',
]
const all = [...documentSkills, ...exampleSkills, 'claude-api'].sort()

const longDescription = (
  'Reference for the Claude API and its SDKs: models, streaming, tools, caching. '.repeat(14) +
  'x'.repeat(1068)
).slice(0, 1068)

function anthropicsShapedRepo(): string {
  const plugin = (name: string, skills: string[]) => ({
    name,
    description: `The ${name} plugin.`,
    source: './',
    strict: false,
    skills: skills.map((s) => `./skills/${s}`),
  })
  const files: Record<string, string> = {
    '.claude-plugin/marketplace.json': JSON.stringify(
      {
        name: 'anthropic-agent-skills',
        owner: { name: 'Someone', email: 'someone@example.test' },
        plugins: [
          plugin('document-skills', documentSkills),
          plugin('example-skills', exampleSkills),
          plugin('claude-api', ['claude-api']),
        ],
      },
      null,
      2,
    ),
    'README.md': '# Skills\n',
    'spec/agent-skills-spec.md': '# The spec lives elsewhere.\n',
    'template/SKILL.md': skillMd('template-skill', 'Replace with description of the skill.'),
    'skills/claude-api/SKILL.md': `---\nname: claude-api\ndescription: |-\n  ${longDescription}\nlicense: Complete terms in LICENSE.txt\n---\n# Claude API\n\nRead the reference for the language in use.\n`,
    'skills/claude-api/LICENSE.txt': 'Apache-2.0\n',
    'skills/claude-api/python/README.md': '# Python SDK notes\n',
  }
  for (const name of [...documentSkills, ...exampleSkills]) {
    files[`skills/${name}/SKILL.md`] = skillMd(
      name,
      `Use this skill whenever the user works with ${name} (the ${name} toolkit).`,
      'license: Proprietary. LICENSE.txt has complete terms\n',
    )
    files[`skills/${name}/LICENSE.txt`] = 'Terms.\n'
  }
  files['skills/pdf/scripts/check_fillable_fields.py'] =
    'import sys\n\n\ndef main(path):\n    return path.endswith(".pdf")\n\n\nif __name__ == "__main__":\n    print(main(sys.argv[1]))\n'
  files['skills/xlsx/recalc.py'] = 'def recalc(cells):\n    return [c for c in cells if c]\n'
  files['skills/webapp-testing/scripts/with_server.py'] =
    'import subprocess\n\n\ndef run(cmd):\n    return subprocess.run(cmd, check=False).returncode\n'
  files['skills/web-artifacts-builder/scripts/init-artifact.sh'] = '#!/bin/bash\necho "creating $1"\n'
  const dir = gitRepo({ 'README.md': 'x' })
  commit(dir, files, 'skills')
  const script = join(dir, 'skills/web-artifacts-builder/scripts/init-artifact.sh')
  chmodSync(script, 0o755)
  git(dir, 'add', '-A')
  git(dir, 'commit', '-q', '-m', 'executable script')
  return dir
}

describe('a git source shaped like anthropics/skills', () => {
  it('installs all 17 listed skills (claude-api with its description warning), not the template, and commits them whole to the library', async () => {
    expect(longDescription).toHaveLength(1068)
    const upstream = anthropicsShapedRepo()
    const t = makeCore()
    await t.call('repos.add', { name: 'anthropic', url: `file://${upstream}`, type: 'git' })
    const [report] = await t.call('repos.sync', { name: 'anthropic' })

    expect(report!.items.map((i) => i.name).sort()).toEqual(all)
    expect(report!.items.filter((i) => i.status !== 'installed')).toEqual([])
    const offered = await t.call('repos.browse', { name: 'anthropic' })
    expect(offered.map((s) => s.name)).not.toContain('template-skill')

    const pending = await t.call('approvals.list', { status: 'pending', source: 'anthropic' })
    expect(pending.map((a) => a.skill).sort()).toEqual(all)
    const warned = pending.filter((a) => (a.details?.warnings ?? []).length > 0)
    expect(warned.map((a) => a.skill)).toEqual(['claude-api'])
    expect(warned[0]!.details!.warnings!.join('\n')).toContain(
      'description is 1068 characters; the limit is 1024',
    )
    // The scripts were scanned in one batch (Python through the analyser), each finding kept with its own skill.
    const findingsOf = async (skill: string) =>
      (await t.call('approvals.get', { id: pending.find((a) => a.skill === skill)!.id })).findings
    expect(await findingsOf('webapp-testing')).toContainEqual(
      expect.objectContaining({ rule: 'py.exec.process', file: 'scripts/with_server.py' }),
    )
    expect((await findingsOf('xlsx')).map((f) => f.file)).not.toContain('scripts/with_server.py')
    expect((await t.call('skills.get', { name: 'claude-api' })).description).toBe(longDescription)

    // One library commit holds every file of every skill, executable bits as upstream; nothing is left uncommitted.
    const library = join(t.home, 'skills')
    expect(git(library, 'status', '--porcelain')).toBe('')
    const tracked = git(library, 'ls-files').split('\n')
    for (const name of all) expect(tracked).toContain(`${name}/SKILL.md`)
    expect(tracked).toContain('pdf/scripts/check_fillable_fields.py')
    expect(git(library, 'ls-files', '-s', 'web-artifacts-builder/scripts/init-artifact.sh')).toMatch(
      /^100755 /,
    )
    expect(statSync(join(library, 'xlsx', 'recalc.py')).isFile()).toBe(true)

    // Nothing changed upstream: a second sync finds every skill unchanged.
    const [again] = await t.call('repos.sync', { name: 'anthropic' })
    expect(again!.items.filter((i) => i.status !== 'unchanged')).toEqual([])
  })
})
