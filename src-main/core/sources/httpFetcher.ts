import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { AppError } from '../base/appError'
import { extractArchive, safeEntryPath } from './archive'
import { type HttpPolicy, safeGet } from './safeHttp'

/** The `/.well-known/skills/index.json` shape: skills with their files (or an archive URL). */
const SkillIndex = z.object({
  skills: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
        description: z.string().optional(),
        files: z.array(z.string()).max(500).optional(),
        archive: z.string().optional(),
      }),
    )
    .max(1000),
})

/**
 * Refuses, before anything is fetched, an index that lists a skill twice, a file twice, or a file
 * where another entry needs a folder (the second write would fail halfway through the fetch).
 */
function checkIndexLayout(index: z.infer<typeof SkillIndex>, indexUrl: string): void {
  const bad = (why: string) =>
    new AppError('INVALID_INPUT', `${indexUrl} ${why}; nothing was fetched. Fix the index and sync again.`)
  const names = new Set<string>()
  for (const skill of index.skills) {
    if (names.has(skill.name)) throw bad(`lists the skill ${skill.name} twice`)
    names.add(skill.name)
    const files = new Set<string>()
    const dirs = new Set<string>()
    for (const file of skill.files ?? []) {
      const path = safeEntryPath(file)
      if (path === null) continue
      if (files.has(path) || dirs.has(path)) throw bad(`lists ${skill.name}/${path} twice`)
      files.add(path)
      const parts = path.split('/')
      for (let i = 1; i < parts.length; i++) {
        const parent = parts.slice(0, i).join('/')
        if (files.has(parent)) throw bad(`lists ${skill.name}/${parent} both as a file and as a folder`)
        dirs.add(parent)
      }
    }
  }
}

const isArchive = (url: string) => /\.(zip|skill|tar\.gz|tgz|tar)(\?.*)?$/i.test(url)

/** What an HTTP fetch brought back: the archive's sha256 when the source was one archive. */
export interface HttpFetch {
  archiveSha256: string | null
}

/**
 * Fetches an HTTP source into `dest`: an archive (extracted under limits), a direct SKILL.md, or a
 * skills index whose entries list files (relative to `<index folder>/<name>/`) or an archive URL.
 */
export async function fetchHttp(
  url: string,
  dest: string,
  policy: HttpPolicy,
  signal?: AbortSignal,
): Promise<HttpFetch> {
  mkdirSync(dest, { recursive: true })
  // --allow-local covers the host the user named; files an index points at on other hosts do not get it.
  const home = new URL(url).host
  const get = (target: string) =>
    safeGet(target, new URL(target).host === home ? policy : { ...policy, allowLocal: false }, signal)
  if (isArchive(url)) {
    const { body } = await get(url)
    extractArchive(body, dest)
    return { archiveSha256: createHash('sha256').update(body).digest('hex') }
  }
  if (/\/skill\.md(\?.*)?$/i.test(url)) {
    const { body } = await get(url)
    const name =
      /^name:\s*["']?([a-z0-9][a-z0-9-]{0,63})["']?\s*$/m.exec(body.toString('utf8'))?.[1] ?? 'skill'
    mkdirSync(join(dest, name), { recursive: true })
    writeFileSync(join(dest, name, 'SKILL.md'), body)
    return { archiveSha256: null }
  }
  const indexUrl = /\.json(\?.*)?$/i.test(url)
    ? url
    : new URL('.well-known/skills/index.json', url.endsWith('/') ? url : `${url}/`).toString()
  const fetched = await get(indexUrl)
  let index: z.infer<typeof SkillIndex>
  try {
    index = SkillIndex.parse(JSON.parse(fetched.body.toString('utf8')))
  } catch {
    throw new AppError(
      'INVALID_INPUT',
      `${indexUrl} is not a skills index ({"skills":[{"name","files"|"archive"}]}).`,
    )
  }
  checkIndexLayout(index, indexUrl)
  for (const skill of index.skills) {
    const folder = join(dest, skill.name)
    mkdirSync(folder, { recursive: true })
    if (skill.archive) {
      const { body } = await get(new URL(skill.archive, fetched.url).toString())
      extractArchive(body, folder)
      continue
    }
    for (const file of skill.files ?? ['SKILL.md']) {
      const path = safeEntryPath(file)
      if (path === null) continue
      const { body } = await get(new URL(`${skill.name}/${path}`, fetched.url).toString())
      mkdirSync(dirname(join(folder, path)), { recursive: true })
      writeFileSync(join(folder, path), body, { flag: 'wx' })
    }
  }
  return { archiveSha256: null }
}
