import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AppError } from '../../../../src-main/core/base/appError'
import { buildSkillEnvironment, INHERITED_VARIABLES } from '../../../../src-main/core/runtime/environment'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function folders(): { dataDir: string; skillDir: string } {
  const root = mkdtempSync(join(tmpdir(), 'skilldock-env-'))
  made.push(root)
  return { dataDir: join(root, 'skill-data', 'weather'), skillDir: join(root, 'skills', 'weather') }
}

/** Secrets and steering variables a parent process may well carry; none may reach a skill. */
const CANARIES: Record<string, string> = {
  OPENAI_API_KEY: 'sk-canary-openai-6f1d',
  AWS_SECRET_ACCESS_KEY: 'canary-aws-secret-93ab',
  GITHUB_TOKEN: 'ghp_canary_github_71c2',
  NODE_OPTIONS: '--require /tmp/canary-node-options.js',
  NODE_PATH: '/tmp/canary-node-path',
  PYTHONPATH: '/tmp/canary-pythonpath',
  PYTHONSTARTUP: '/tmp/canary-pythonstartup.py',
  PYTHONIOENCODING: 'canary-latin-1',
  PYTHONUNBUFFERED: 'canary-unbuffered',
  ELECTRON_RUN_AS_NODE: 'canary-electron-1',
  SKILLDOCK_HOME: '/tmp/canary-skilldock-home',
  npm_config__authToken: 'canary-npm-token',
  LD_PRELOAD: '/tmp/canary-preload.so',
}

function parentWith(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...CANARIES,
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: '/home/someone',
    USER: 'someone',
    LANG: 'de_DE.UTF-8',
    TZ: 'Europe/Berlin',
    ...extra,
  }
}

function expectNoCanary(text: string): void {
  for (const [name, value] of Object.entries(CANARIES)) {
    expect(text, name).not.toContain(value)
    expect(text, name).not.toMatch(new RegExp(`"${name}"`))
  }
}

describe('buildSkillEnvironment', () => {
  it('passes only the listed parent variables, then SkillDock’s own, then the credentials', () => {
    const { dataDir, skillDir } = folders()
    const env = buildSkillEnvironment({
      parent: parentWith({ TMPDIR: '/var/tmp/someone' }),
      dataDir,
      skillDir,
      credentials: { WEATHER_API_KEY: 'weather-secret' },
    })
    expect(env).toEqual({
      PATH: '/usr/local/bin:/usr/bin:/bin',
      HOME: '/home/someone',
      USER: 'someone',
      LANG: 'de_DE.UTF-8',
      TZ: 'Europe/Berlin',
      TMPDIR: '/var/tmp/someone',
      SKILLDOCK_SKILL_DATA: dataDir,
      SKILLDOCK_SKILL_DIR: skillDir,
      WEATHER_API_KEY: 'weather-secret',
    })
    expectNoCanary(JSON.stringify(env))
  })

  it('inherits nothing outside the list, whatever the parent holds', () => {
    const { dataDir, skillDir } = folders()
    const env = buildSkillEnvironment({ parent: process.env, dataDir, skillDir, credentials: {} })
    const own = ['SKILLDOCK_SKILL_DATA', 'SKILLDOCK_SKILL_DIR']
    for (const name of Object.keys(env)) expect([...INHERITED_VARIABLES, ...own]).toContain(name)
    expect(Object.keys(env).filter((name) => /^(PYTHON|NODE_|ELECTRON_|npm_|VITEST)/i.test(name))).toEqual([])
  })

  it('defaults LANG to C.UTF-8 and TMPDIR to a private tmp folder in the skill’s data', () => {
    const { dataDir, skillDir } = folders()
    const env = buildSkillEnvironment({
      parent: parentWith({ LANG: '', TMPDIR: undefined }),
      dataDir,
      skillDir,
      credentials: {},
    })
    expect(env.LANG).toBe('C.UTF-8')
    expect(env.TMPDIR).toBe(join(dataDir, 'tmp'))
    expect(statSync(join(dataDir, 'tmp')).isDirectory()).toBe(true)
    if (process.platform !== 'win32') expect(statSync(join(dataDir, 'tmp')).mode & 0o077).toBe(0)
  })

  it('keeps the parent’s TMPDIR and creates no folder then', () => {
    const { dataDir, skillDir } = folders()
    const env = buildSkillEnvironment({
      parent: parentWith({ TMPDIR: '/tmp' }),
      dataDir,
      skillDir,
      credentials: {},
    })
    expect(env.TMPDIR).toBe('/tmp')
    expect(existsSync(join(dataDir, 'tmp'))).toBe(false)
  })

  it('refuses a credential that would replace or reintroduce a variable SkillDock controls', () => {
    const { dataDir, skillDir } = folders()
    const refused = ['PATH', 'HOME', 'LANG', 'TMPDIR', 'Path', 'SKILLDOCK_SKILL_DATA', 'SKILLDOCK_HOME']
    refused.push('PYTHONPATH', 'NODE_OPTIONS', 'ELECTRON_RUN_AS_NODE', 'npm_config_token', 'LD_PRELOAD')
    for (const name of [...refused, 'api-key', '1KEY']) {
      let caught: unknown
      try {
        buildSkillEnvironment({
          parent: parentWith(),
          dataDir,
          skillDir,
          credentials: { [name]: 'secret-value-42' },
        })
      } catch (err) {
        caught = err
      }
      expect(caught, name).toBeInstanceOf(AppError)
      const err = caught as AppError
      expect(err.code, name).toBe('INVALID_SKILL')
      expect(err.message, name).toContain(name)
      expect(JSON.stringify(err.toJSON()), name).not.toContain('secret-value-42')
    }
  })

  it('is what a real python3 -I child sees, and nothing more', () => {
    const { dataDir, skillDir } = folders()
    // The interpreter itself, not a version-manager shim that would add variables of its own.
    const python = execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], {
      encoding: 'utf8',
    }).trim()
    const env = buildSkillEnvironment({
      parent: {
        ...process.env,
        ...CANARIES,
        LANG: undefined,
        LC_ALL: undefined,
        LC_CTYPE: undefined,
        TMPDIR: '',
      },
      dataDir,
      skillDir,
      credentials: { WEATHER_API_KEY: 'weather-secret' },
    })
    const script =
      'import os,json,tempfile;print(json.dumps({"env":dict(os.environ),"tmp":tempfile.gettempdir()}))'
    const output = execFileSync(python, ['-I', '-c', script], { env, encoding: 'utf8' })
    const seen = JSON.parse(output) as { env: Record<string, string>; tmp: string }

    expectNoCanary(output)
    if (process.platform === 'linux') expect(Object.keys(seen.env).sort()).toEqual(Object.keys(env).sort())
    expect(seen.env.WEATHER_API_KEY).toBe('weather-secret')
    expect(seen.env.PATH).toBe(process.env.PATH)
    expect(seen.env.HOME).toBe(process.env.HOME)
    expect(seen.env.LANG).toBe('C.UTF-8')
    expect(seen.env.SKILLDOCK_SKILL_DATA).toBe(dataDir)
    expect(seen.env.SKILLDOCK_SKILL_DIR).toBe(skillDir)
    expect(seen.tmp).toBe(join(dataDir, 'tmp'))
  })
})
