import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { cliJson as skilldockJson, startServe, type ServeProcess } from './serve'

/**
 * Needs the OS keychain: run inside `bash test/support/with-keyring.sh`. Without one the approval
 * page says the keychain could not be read, which this test also accepts as the honest answer.
 */
let serve: ServeProcess
let sources: string

test.beforeAll(async () => {
  serve = await startServe()
  sources = mkdtempSync(join(tmpdir(), 'skilldock-creds-'))
})

test.afterAll(async () => {
  await serve?.stop()
  if (sources) rmSync(sources, { recursive: true, force: true })
})

const cliJson = (args: string[]): unknown => skilldockJson(serve.home, args)

async function invoke(route: string, input: unknown): Promise<unknown> {
  const url = new URL(serve.url)
  const token = new URLSearchParams(url.hash.slice(1)).get('token')
  const reply = await fetch(`${url.origin}/api/invoke/${route}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await reply.json()) as { ok: boolean; data: unknown; error?: { message: string } }
  if (!body.ok) throw new Error(`${route}: ${body.error?.message}`)
  return body.data
}

const skillMd = (body: string): string =>
  `---\nname: mail-notes\ndescription: Mails notes. Use when notes must be mailed.\n---\n# Mail notes\n\n${body}\n`

test('an update shows the credentials already stored for the skill, by name only', async ({ page }) => {
  const dir = join(sources, 'mail-notes')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'SKILL.md'), skillMd('Mail them.'))
  cliJson(['add', dir])
  const [request] = cliJson(['approvals']) as Array<{ id: string }>
  cliJson(['approve', request!.id, '--trust', 'sandboxed'])
  let stored = true
  try {
    execFileSync(
      process.execPath,
      [
        resolve(__dirname, '../../resources/bin/skilldock.cjs'),
        '--home',
        serve.home,
        'secrets',
        'set',
        'mail-notes',
        'SMTP_PASSWORD',
      ],
      { input: 'hunter2-canary', stdio: ['pipe', 'ignore', 'ignore'] },
    )
  } catch {
    stored = false // no keychain here
  }
  // Inside with-keyring.sh the keychain is there: the credential must have been stored.
  if (process.env.SKILLDOCK_KEYRING_READY) expect(stored).toBe(true)

  await invoke('files.saveDraft', {
    name: 'mail-notes',
    files: [{ path: 'SKILL.md', content: skillMd('Mail them twice.') }],
  })
  const update = (await invoke('files.submit', { name: 'mail-notes' })) as { id: string }

  await page.goto(serve.url)
  await page.getByTestId('nav-approvals').click()
  await page.locator(`[data-testid="approval-row"][data-approval-id="${update.id}"]`).click()
  const credentials = page.getByTestId('approval-detail').getByTestId('inherited-credentials')
  if (stored) {
    await expect(credentials).toContainText('SMTP_PASSWORD')
    await expect(credentials).toContainText('Approving gives this code access to it')
  } else {
    await expect(credentials).toContainText('The keychain could not be read')
  }
  await expect(page.getByTestId('approval-detail')).not.toContainText('hunter2-canary')
})
