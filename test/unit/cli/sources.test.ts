import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cli } from '../../support/cli'
import { skillMd, tempDir, writeSkill } from '../../support/fs'
import { gitEnv } from '../../support/git'

describe('skilldock repo / update / export', () => {
  it('adds and syncs a git source, lists it, and refuses an unsafe URL with exit 1', async () => {
    const home = tempDir()
    const upstream = tempDir()
    writeSkill(join(upstream, 'skills'), 'cli-skill', 'From the CLI.')
    const env = {
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@t',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@t',
    }
    execFileSync('git', ['-C', upstream, 'init', '-q'])
    execFileSync('git', ['-C', upstream, 'add', '-A'])
    execFileSync('git', ['-C', upstream, 'commit', '-qm', 'x'], { env: { ...process.env, ...env } })
    expect((await cli(['--home', home, 'repo', 'add', 'up', `file://${upstream}`])).code).toBe(0)
    const sync = await cli(['--home', home, '--json', 'repo', 'sync', 'up'])
    expect(sync.code).toBe(0)
    expect(sync.json()).toMatchObject([{ repo: 'up', items: [{ name: 'cli-skill', status: 'installed' }] }])
    const list = await cli(['--home', home, 'repo', 'list'])
    expect(list.stdout).toMatch(/up\s+git\s+file:\/\//)
    const lock = JSON.parse(readFileSync(join(home, 'skilldock.lock.json'), 'utf8')) as {
      skills: Record<string, unknown>
    }
    expect(Object.keys(lock.skills)).toEqual(['cli-skill'])
    const bad = await cli([
      '--home',
      home,
      '--json',
      'repo',
      'add',
      'bad',
      '--',
      '--upload-pack=touch /tmp/x',
      '--type',
      'git',
    ])
    expect(bad.code).not.toBe(0)
    const unsafe = await cli(['--home', home, '--json', 'repo', 'add', 'bad', 'ext::sh -c touch% /tmp/x'])
    expect(unsafe.code).toBe(1)
    expect(unsafe.json()).toMatchObject({ error: { code: 'UNSAFE_SOURCE' } })
    const update = await cli(['--home', home, 'update', 'cli-skill'])
    expect(update.code).toBe(1)
    expect(update.stderr).toMatch(/no update available/)
  })

  it('exports into --dir and reports what it wrote', async () => {
    const home = tempDir()
    await cli(['--home', home, 'governance', 'full_auto'])
    await cli(['--home', home, 'add', writeSkill(tempDir(), 'exported', 'Exported skill.')])
    const dir = join(tempDir(), 'agents')
    mkdirSync(dir)
    const run = await cli(['--home', home, '--json', 'export', '--target', 'agents', '--dir', dir])
    expect(run.code).toBe(0)
    expect(run.json()).toMatchObject({ written: ['exported'] })
    expect(existsSync(join(dir, 'exported', 'SKILL.md'))).toBe(true)
    expect((await cli(['--home', home, 'export', '--target', 'nope', '--dir', dir])).code).toBe(1)
  })

  it('add <source> takes a folder, a SKILL.md, a local archive, a git URL and http index/SKILL.md/archive URLs', async () => {
    const home = tempDir()
    const env = gitEnv
    const folder = writeSkill(tempDir(), 'from-folder', 'From a folder.')
    const file = join(writeSkill(tempDir(), 'from-file', 'From a SKILL.md path.'), 'SKILL.md')
    const packed = tempDir()
    writeSkill(packed, 'from-archive', 'From a .skill file.')
    const archive = join(tempDir(), 'pack.skill')
    execFileSync('zip', ['-qr', archive, 'from-archive'], { cwd: packed })
    const upstream = tempDir()
    writeSkill(join(upstream, 'skills'), 'from-git', 'From git.')
    execFileSync('git', ['-C', upstream, 'init', '-q', '-b', 'main'])
    execFileSync('git', ['-C', upstream, 'add', '-A'])
    execFileSync('git', ['-C', upstream, 'commit', '-qm', 'x'], { env })
    const tgz = tempDir()
    writeSkill(tgz, 'from-http-archive', 'From an HTTP archive.')
    execFileSync('tar', ['-czf', join(tgz, 'a.tar.gz'), '-C', tgz, 'from-http-archive'])
    const routes: Record<string, string | Buffer> = {
      '/.well-known/skills/index.json': JSON.stringify({ skills: [{ name: 'from-index' }] }),
      '/.well-known/skills/from-index/SKILL.md': skillMd('from-index', 'From an index.'),
      '/raw/SKILL.md': skillMd('from-url', 'From a SKILL.md URL.'),
      '/a.tar.gz': readFileSync(join(tgz, 'a.tar.gz')),
    }
    const server = createServer((req, res) => {
      const body = routes[req.url ?? '']
      if (body === undefined) return void res.writeHead(404).end()
      res.end(body)
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const sources = [
        [folder],
        [file],
        [archive],
        [`file://${upstream}`, '--ref', 'main'],
        [base, '--allow-local'],
        [`${base}/raw/SKILL.md`, '--allow-local'],
        [`${base}/a.tar.gz`, '--allow-local'],
      ]
      const added: string[] = []
      for (const args of sources) {
        const run = await cli(['--home', home, '--json', 'add', ...args])
        expect(run.code, `${args[0]}: ${run.stdout}${run.stderr}`).toBe(0)
        const { skills } = run.json() as { skills: { name: string; state: string }[] }
        added.push(...skills.map((s) => `${s.name}:${s.state}`))
      }
      expect(added).toEqual([
        'from-folder:pending',
        'from-file:pending',
        'from-archive:pending',
        'from-git:pending',
        'from-index:pending',
        'from-url:pending',
        'from-http-archive:pending',
      ])
      const lock = JSON.parse(readFileSync(join(home, 'skilldock.lock.json'), 'utf8')) as {
        skills: Record<
          string,
          { sourceType: string; archiveSha256: string | null; url: string; path: string }
        >
      }
      expect(Object.fromEntries(Object.entries(lock.skills).map(([n, e]) => [n, e.sourceType]))).toEqual({
        'from-archive': 'local',
        'from-file': 'local',
        'from-folder': 'local',
        'from-git': 'git',
        'from-http-archive': 'http',
        'from-index': 'http',
        'from-url': 'http',
      })
      expect(lock.skills['from-archive']!.archiveSha256).toMatch(/^[0-9a-f]{64}$/)
      expect(lock.skills['from-file']).toMatchObject({ url: join(file, '..'), path: '.' })
      const notSkill = join(tempDir(), 'README.md')
      writeFileSync(notSkill, '# not a skill')
      const plainFile = await cli(['--home', home, '--json', 'add', notSkill])
      expect(plainFile.json()).toMatchObject({
        error: { code: 'INVALID_INPUT', message: expect.stringMatching(/is a file/) },
      })
      // Loopback without --allow-local, and a path that does not exist, are refused with exit 1.
      const refused = await cli(['--home', home, '--json', 'add', `${base}/raw/SKILL.md`])
      expect(refused.code).toBe(1)
      expect(refused.json()).toMatchObject({ error: { code: 'UNSAFE_SOURCE' } })
      const missing = await cli(['--home', home, '--json', 'add', join(tempDir(), 'nope')])
      expect(missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } })
      expect(readdirSync(join(home, 'sources'))).toEqual([])
    } finally {
      server.closeAllConnections()
      await new Promise((r) => server.close(r))
    }
  })

  it('adopt lists and imports the skills of an agent folder that SkillDock did not put there', async () => {
    const home = tempDir()
    const agent = tempDir()
    writeSkill(agent, 'their-skill', 'Already in the agent folder.')
    const list = await cli(['--home', home, 'adopt', '--target', 'claude-code', '--dir', agent])
    expect(list.code).toBe(0)
    expect(list.stdout).toMatch(/their-skill\s+their-skill\s+yes/)
    const run = await cli([
      '--home',
      home,
      '--json',
      'adopt',
      '--target',
      'claude-code',
      '--dir',
      agent,
      '--all',
    ])
    expect(run.code).toBe(0)
    expect(run.json()).toMatchObject({
      dir: agent,
      adopted: [{ name: 'their-skill', state: 'pending' }],
      skipped: [],
    })
    const twice = await cli([
      '--home',
      home,
      'adopt',
      '--target',
      'claude-code',
      '--dir',
      agent,
      'their-skill',
    ])
    expect(twice.code).toBe(1)
    expect(twice.stdout).toMatch(/skipped their-skill: SkillDock already has a skill named their-skill/)
    expect((await cli(['--home', home, 'adopt', '--target', 'codex', '--all', 'x'])).code).toBe(1)
  })

  it('repo token refuses an empty stdin and a source that is not an MCP server over HTTP', async () => {
    const home = tempDir()
    const folder = tempDir()
    expect((await cli(['--home', home, 'repo', 'add', 'plain', folder])).code).toBe(0)
    const empty = await cli(['--home', home, '--json', 'repo', 'token', 'plain'], {}, '')
    expect(empty.code).toBe(1)
    expect(empty.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/stdin/) },
    })
    const wrong = await cli(['--home', home, '--json', 'repo', 'token', 'plain'], {}, 'secret\n')
    expect(wrong.json()).toMatchObject({
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/not an MCP source over HTTP/) },
    })
    // `repo add --token-stdin` does not leave a source behind when its token cannot be kept.
    const added = await cli(
      ['--home', home, '--json', 'repo', 'add', 'folder2', folder, '--token-stdin'],
      {},
      'secret\n',
    )
    expect(added.code).toBe(1)
    const list = await cli(['--home', home, '--json', 'repo', 'list'])
    expect((list.json() as { name: string }[]).map((r) => r.name)).toEqual(['plain'])
  })
})
