import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { type Core, createCore } from '../../src-main/core/app'
import { generateSkills, skillName } from './generate'
import { counts, type Figure, round, time } from './measure'

async function sync(core: Core, name: string): Promise<number> {
  const r = await core.invoke('repos.sync', { name })
  if (!r.ok) throw new Error(`repos.sync: ${r.error.message}`)
  return (r.data as { items: unknown[] }[])[0]!.items.length
}

/** Reads every file under a folder: the least a sync that looks at every skill must do. */
function readAll(dir: string): number {
  let bytes = 0
  for (const entry of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, entry)
    if (statSync(path).isFile()) bytes += readFileSync(path).length
  }
  return bytes
}

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@b',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@b',
  GIT_CONFIG_NOSYSTEM: '1',
}
const git = (dir: string, ...args: string[]) => execFileSync('git', ['-C', dir, ...args], { env: gitEnv })

/**
 * Source sync at scale: a local folder of `counts.sourceSkills` generated skills (cold, one skill
 * changed, nothing changed) and a git repository of `counts.gitSkills`, next to reading every file
 * and a plain `git clone` of the same repository, measured in this run.
 */
export async function measureSources(dir: (prefix: string) => string): Promise<Figure[]> {
  const figures: Figure[] = []
  const n = counts.sourceSkills
  // The goals are set at 10,000 skills (1,000 for git): a lowered count is reported, not judged.
  const atScale = n >= 10_000
  const folder = dir('source-local')
  generateSkills(folder, n)
  const read = await time(() => readAll(folder))
  const reference = { name: 'reading every file of the source', value: round(read.ms / 1000, 3) }
  const core = createCore({ home: dir('source-home'), appRoot: dir('source-app'), indexOnStart: false })
  try {
    const added = await core.invoke('repos.add', { name: 'bench-local', url: folder })
    if (!added.ok) throw new Error(added.error.message)
    const cold = await time(() => sync(core, 'bench-local'))
    figures.push({
      group: 'source sync',
      name: `cold sync of a local source of ${n} skills`,
      value: round(cold.ms / 1000, 3),
      unit: 's',
      reference,
      goal: { text: 'goal ≤ 10 s at 10,000 skills', met: atScale ? cold.ms <= 10_000 : undefined },
    })
    const target = join(folder, skillName(Math.floor(n / 2)), 'SKILL.md')
    writeFileSync(target, readFileSync(target, 'utf8').replace('Helps with', 'Now helps with'))
    const one = await time(() => sync(core, 'bench-local'))
    figures.push({
      group: 'source sync',
      name: `re-sync after one of ${n} skills changed`,
      value: round(one.ms / 1000, 3),
      unit: 's',
      reference,
      goal: { text: 'goal ≤ 0.5 s at 10,000 skills', met: atScale ? one.ms <= 500 : undefined },
    })
    const none = await time(() => sync(core, 'bench-local'))
    figures.push({
      group: 'source sync',
      name: `re-sync of ${n} skills, nothing changed`,
      value: round(none.ms / 1000, 3),
      unit: 's',
      reference,
      goal: { text: 'goal ≤ 0.3 s at 10,000 skills', met: atScale ? none.ms <= 300 : undefined },
    })
  } finally {
    await core.dispose()
  }
  // Its own data home: the same generated names would all be taken by the local source.
  const gitCore = createCore({
    home: dir('source-git-home'),
    appRoot: dir('source-git-app'),
    indexOnStart: false,
  })
  try {
    const g = counts.gitSkills
    const upstream = dir('source-git')
    generateSkills(join(upstream, 'skills'), g)
    git(upstream, 'init', '-q', '-b', 'main')
    git(upstream, 'add', '-A')
    git(upstream, 'commit', '-q', '-m', 'skills')
    const clone = await time(() =>
      execFileSync(
        'git',
        ['clone', '-q', '--depth', '1', `file://${upstream}`, join(dir('source-clone'), 'c')],
        { env: gitEnv },
      ),
    )
    const addedGit = await gitCore.invoke('repos.add', { name: 'bench-git', url: `file://${upstream}` })
    if (!addedGit.ok) throw new Error(addedGit.error.message)
    const gitSync = await time(() => sync(gitCore, 'bench-git'))
    figures.push({
      group: 'source sync',
      name: `sync of a git source of ${g} skills (clone included)`,
      value: round(gitSync.ms / 1000, 3),
      unit: 's',
      reference: { name: '`git clone --depth 1` of the same repository', value: round(clone.ms / 1000, 3) },
      goal: {
        text: 'goal ≤ 3 s after the clone at 1,000 skills',
        met: g >= 1000 ? gitSync.ms - clone.ms <= 3000 : undefined,
      },
    })
  } finally {
    await gitCore.dispose()
  }
  return figures
}
