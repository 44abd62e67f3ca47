import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { _electron as electron, expect, test } from '@playwright/test'

const root = resolve(__dirname, '..', '..')
const electronDir = join(root, 'node_modules', 'electron')

/** The Electron binary's path, or why it is not there (it cannot be downloaded offline). */
function electronBinary(): { path: string } | { missing: string } {
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile)) return { missing: `${pathFile} does not exist (binary never downloaded)` }
  const path = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(path) ? { path } : { missing: `${path} does not exist` }
}

/** The Electron-ABI build of better-sqlite3 that `npm start` makes (node_modules/.skilldock-native). */
function electronSqliteBinding(): string | null {
  const version = (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string })
    .version
  const binding = join(
    root,
    'node_modules',
    '.skilldock-native',
    `electron-${version}-${process.arch}`,
    'build',
    'Release',
    'better_sqlite3.node',
  )
  return existsSync(binding) ? binding : null
}

const binary = electronBinary()
const missing = 'missing' in binary ? binary.missing : null
if (missing) {
  // Loud on purpose: this test must not vanish silently from a run.
  console.warn(
    `\n[electron smoke test] NOT RUN — the Electron binary is missing: ${missing}.\n` +
      'Run `npx install-electron` (needs network) and then `npm start` once to build the native module.\n',
  )
}

test('desktop app: launches, lists skills, opens the inbox, quits without leaving skill processes', async () => {
  test.info().annotations.push({
    type: missing ? 'electron-binary-missing' : 'electron-binary',
    description: missing ?? ('path' in binary ? binary.path : ''),
  })
  // Justified skips: this smoke test needs the real Electron binary (not downloadable on machines
  // without network, such as our CI) and an Electron-ABI better-sqlite3 build made by `npm start`.
  // Each skip is announced above (console line + annotation), never silent.
  test.skip(missing !== null, `Electron binary missing: ${missing}`)
  const binding = electronSqliteBinding()
  test.skip(binding === null, 'No Electron-ABI better-sqlite3 build: run `npm start` once to build it.')

  const home = mkdtempSync(join(tmpdir(), 'skilldock-electron-'))
  const app = await electron.launch({
    executablePath: (binary as { path: string }).path,
    args: [root, '--no-sandbox', '--disable-gpu'],
    env: { ...process.env, SKILLDOCK_HOME: home, SKILLDOCK_SQLITE_BINDING: binding ?? '' },
  })
  const pid = app.process().pid
  const page = await app.firstWindow()
  expect(page.url()).toMatch(/^app:\/\/skilldock\//)
  await expect(page.getByTestId('skill-row').first()).toBeVisible()
  await page
    .getByRole('link', { name: /approvals/i })
    .first()
    .click()
  await expect.poll(() => page.url()).toContain('#/approvals')

  // The preload exposes only invoke and on.
  expect(
    await page.evaluate(() => Object.keys((globalThis as { skilldock?: object }).skilldock ?? {}).sort()),
  ).toEqual(['invoke', 'on'])

  await app.close()
  // No process of ours is left: nothing whose parent was the app, nothing running launch.py for this home.
  const leftovers = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter(
      (line) =>
        line.includes('launch.py') &&
        (line.includes(home) || line.split(/\s+/).filter(Boolean)[1] === String(pid)),
    )
  expect(leftovers).toEqual([])
})
