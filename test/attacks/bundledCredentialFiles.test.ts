import { spawnSync } from 'node:child_process'
import { beforeAll, describe, expect, it } from 'vitest'
import { ensureBuilt, skilldockBin } from '../support/build'
import { tempDir, writeTree } from '../support/fs'

/**
 * The attack: bundled file readers (csv-profiler, sqlite-reader) read the user's files by design, with
 * the data home, keyrings and a list of credential files hidden. Credential files off that list were
 * read: s3cmd's keys, a Solana wallet key, Thunderbird's saved logins, podman's registry login. The
 * list now covers the common cloud, hosting, registry, wallet, mail/chat and editor credential stores
 * (see SECRET_HOME_PATHS); this test plants a few of the added ones.
 *
 * Every file is planted in a HOME this test makes; the real home is never read.
 */
const PLANTED: Record<string, string> = {
  '.s3cfg': 'access_key,secret_key\nAKIA,CANARY-s3cfg\n',
  '.config/solana/id.json': 'a,b\n1,CANARY-solana\n',
  '.thunderbird/abc.default/logins.json': 'host,password\nmail,CANARY-thunderbird\n',
  '.config/containers/auth.json': 'registry,auth\nquay.io,CANARY-podman\n',
  '.kaggle/kaggle.json': 'username,key\nme,CANARY-kaggle\n',
}

beforeAll(() => ensureBuilt(), 300_000)

describe('a bundled file reader asked for credential files', { timeout: 240_000 }, () => {
  it('reads none of them; an ordinary CSV in the home folder still profiles', () => {
    const home = writeTree(tempDir('skilldock-fake-home-'), {
      ...PLANTED,
      'data/sales.csv': 'region,total\nnorth,42\n',
    })
    const data = tempDir('skilldock-data-')
    const preview = (path: string) =>
      spawnSync(
        process.execPath,
        [
          skilldockBin,
          '--home',
          data,
          'call',
          'csv-profiler',
          'preview_csv',
          '--args',
          JSON.stringify({ path, has_header: true }),
        ],
        {
          encoding: 'utf8',
          timeout: 120_000,
          env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' },
        },
      )
    for (const file of Object.keys(PLANTED)) {
      const run = preview(`~/${file}`)
      expect(`${run.stdout}${run.stderr}`, file).not.toContain('CANARY')
    }
    const sales = preview('~/data/sales.csv')
    expect(sales.status).toBe(0)
    expect(sales.stdout).toContain('north')
  })
})
