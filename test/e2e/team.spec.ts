import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { expect, test } from '@playwright/test'
import { fingerprintFolder } from '../../src-main/core/skills/fingerprint'
import { cliJson, startServe, type ServeProcess } from './serve'

/**
 * The Team screen of a member whose machine runs under a managed policy: the team skill an admin
 * signed is active, the unapproved one says why it waits, a published request shows for admins, and
 * the locked governance mode cannot be changed from the Approvals screen.
 */
const env = {
  ...process.env,
  GIT_AUTHOR_NAME: 'alice',
  GIT_AUTHOR_EMAIL: 'alice@team',
  GIT_COMMITTER_NAME: 'alice',
  GIT_COMMITTER_EMAIL: 'alice@team',
  GIT_CONFIG_NOSYSTEM: '1',
}
const root = mkdtempSync(join(tmpdir(), 'skilldock-e2e-team-'))
const work = join(root, 'work')
const bare = join(root, 'team.git')
const key = join(root, 'alice')
const policyFile = join(root, 'policy.json')
let serve: ServeProcess

const git = (dir: string, ...args: string[]) =>
  execFileSync('git', ['-C', dir, ...args], { env, encoding: 'utf8' }).trim()

function write(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(work, path)), { recursive: true })
    writeFileSync(join(work, path), content)
  }
}

function signedCommit(message: string): void {
  git(work, 'add', '-A')
  git(work, '-c', 'gpg.format=ssh', '-c', `user.signingkey=${key}`, 'commit', '-q', '-S', '-m', message)
}

const skill = (name: string) =>
  `---\nname: ${name}\ndescription: Does ${name} things for the team.\n---\n# ${name}\n\nInstructions.\n`

test.beforeAll(async () => {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'alice@team', '-f', key])
  mkdirSync(bare)
  git(bare, 'init', '-q', '--bare', '-b', 'main')
  mkdirSync(work)
  git(work, 'init', '-q', '-b', 'main')
  const pub = readFileSync(`${key}.pub`, 'utf8').trim()
  write({
    '.skilldock/allowed_signers': `alice@team namespaces="git" ${pub}\n`,
    'skills/hello/SKILL.md': skill('hello'),
    'skills/other/SKILL.md': skill('other'),
  })
  signedCommit('genesis')
  const approvals = {
    version: 1,
    skills: { hello: { fingerprint: fingerprintFolder(join(work, 'skills/hello')), trust: 'monitored' } },
  }
  const shared = {
    version: 1,
    entries: [{ type: 'policy', skill: 'hello', tool: 'delete_*', kind: 'requires_approval' }],
  }
  write({
    '.skilldock/approvals.json': JSON.stringify(approvals, null, 2),
    '.skilldock/policies.json': JSON.stringify(shared, null, 2),
  })
  signedCommit('approve hello, hold its deletes')
  git(work, 'push', '-q', bare, 'HEAD:refs/heads/main')
  git(work, 'checkout', '-q', '-b', 'request/newskill')
  write({ 'skills/newskill/SKILL.md': skill('newskill') })
  git(work, 'add', '-A')
  git(work, 'commit', '-q', '-m', 'Request approval of newskill')
  git(work, 'push', '-q', bare, 'HEAD:refs/heads/request/newskill')

  writeFileSync(policyFile, JSON.stringify({ governanceMode: 'locked' }))
  process.env.SKILLDOCK_MANAGED_POLICY = policyFile
  serve = await startServe()
  cliJson(serve.home, ['team', 'join', `file://${bare}`, '--allow-local'])
})

test.afterAll(async () => {
  await serve?.stop()
  delete process.env.SKILLDOCK_MANAGED_POLICY
  rmSync(root, { recursive: true, force: true })
})

test('the Team screen shows why each team skill is or is not active, the requests, and the managed policy', async ({
  page,
}) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-team').click()
  const hello = page.getByTestId('team-skill-hello')
  await expect(hello).toContainText('active')
  await expect(hello).toContainText('approved by alice@team')
  await expect(hello).toContainText('monitored')
  const other = page.getByTestId('team-skill-other')
  await expect(other).toContainText('pending')
  await expect(other).toContainText('no signed team approval')
  await expect(page.getByTestId('team-request-newskill')).toContainText('request/newskill')
  await expect(page.getByTestId('managed-policy-mode')).toContainText('locked')
  await expect(page.getByTestId('team-admins')).toContainText('alice@team')
  await expect(page.getByTestId('team-shared-policy:hello/delete_*:requires_approval')).toContainText(
    'applied: signed by alice@team',
  )

  // On the Approvals screen the pinned mode cannot be changed: every radio is disabled, and a line
  // says the machine policy sets it.
  await page.getByTestId('nav-approvals').click()
  await expect(page.getByTestId('governance-pinned')).toContainText('machine policy')
  await expect(page.getByTestId('governance-pinned')).toContainText(policyFile)
  for (const mode of ['full_auto', 'semi_auto', 'locked'])
    await expect(page.locator(`input[name="governance-mode"][value="${mode}"]`)).toBeDisabled()
  await expect(page.locator('input[name="governance-mode"][value="locked"]')).toBeChecked()
  expect(cliJson(serve.home, ['governance'])).toMatchObject({ mode: 'locked' })
})
