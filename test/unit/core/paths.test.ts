import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { homedir } from 'node:os'
import { describe, expect, it } from 'vitest'
import { APP_VERSION } from '../../../src-main/core/app'
import { dataHome, defaultHome, resolveHome } from '../../../src-main/core/paths'

describe('data home', () => {
  it('defaults to the OS app-data folder SkillDock, as Electron userData does', () => {
    expect(defaultHome({}, 'linux')).toBe(join(homedir(), '.config', 'SkillDock'))
    expect(defaultHome({ XDG_CONFIG_HOME: '/x/cfg' }, 'linux')).toBe('/x/cfg/SkillDock')
    expect(defaultHome({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'SkillDock'))
    expect(defaultHome({ APPDATA: 'C:\\Users\\me\\AppData\\Roaming' }, 'win32')).toBe(
      join('C:\\Users\\me\\AppData\\Roaming', 'SkillDock'),
    )
  })

  it('prefers --home, then SKILLDOCK_HOME', () => {
    expect(resolveHome('/a', { SKILLDOCK_HOME: '/b' })).toBe('/a')
    expect(resolveHome(undefined, { SKILLDOCK_HOME: '/b' })).toBe('/b')
    expect(resolveHome('rel', {})).toBe(resolve('rel'))
  })

  it('lays out the files of docs/ARCHITECTURE.md §7', () => {
    expect(dataHome('/h')).toEqual({
      home: '/h',
      database: '/h/skilldock.db',
      library: '/h/skills',
      drafts: '/h/drafts',
      sources: '/h/sources',
      logs: '/h/logs',
      settings: '/h/settings.json',
      lockfile: '/h/skilldock.lock.json',
    })
  })

  it('reports the version from package.json', () => {
    const pkg = JSON.parse(readFileSync(resolve(__dirname, '../../../package.json'), 'utf8')) as {
      version: string
    }
    expect(APP_VERSION).toBe(pkg.version)
  })
})
