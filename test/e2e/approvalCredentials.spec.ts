import { execFileSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, test } from '@playwright/test'
import { serveForSpec } from './serve'

/**
 * Needs the OS keychain: run inside `bash test/support/with-keyring.sh`. Without one the approval
 * page says the keychain could not be read, which this test also accepts as the honest answer.
 */
const spec = serveForSpec('skilldock-creds-')
const { cliJson, invoke } = spec

const skillMd = (body: string): string =>
  `---\nname: mail-notes\ndescription: Mails notes. Use when notes must be mailed.\n---\n# Mail notes\n\n${body}\n`

test('an update shows the credentials already stored for the skill, by name only', async ({ page }) => {
  const dir = join(spec.sources, 'mail-notes')
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
        spec.serve.home,
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

  await page.goto(spec.serve.url)
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
