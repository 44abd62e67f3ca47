import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { appLocations, disposeWithin, restorableBounds } from '../../../src-main/electron/lifecycle'
import { trayMenu, trayTooltip } from '../../../src-main/electron/trayMenu'
import { makeCore } from '../../support/core'

describe('quitting', () => {
  it('disposes the real core within the bound', async () => {
    const { core } = makeCore()
    expect(await disposeWithin(() => core.dispose(), 5_000)).toBe('disposed')
  })

  it('gives up on a dispose that hangs, and reports one that fails', async () => {
    expect(await disposeWithin(() => new Promise(() => undefined), 50)).toBe('timeout')
    expect(await disposeWithin(() => Promise.reject(new Error('db busy')), 1_000)).toBe('failed')
  })
})

describe('packaged paths', () => {
  it('points the core at the unpacked resources next to app.asar when packaged', () => {
    const packaged = appLocations({
      isPackaged: true,
      appPath: '/opt/SkillDock/resources/app.asar',
      resourcesPath: '/opt/SkillDock/resources',
      mainDir: '/opt/SkillDock/resources/app.asar/out/main',
    })
    expect(packaged).toEqual({
      appRoot: '/opt/SkillDock/resources',
      resourcesDir: '/opt/SkillDock/resources/resources',
      rendererDir: '/opt/SkillDock/resources/app.asar/out/renderer',
    })
    const dev = appLocations({
      isPackaged: false,
      appPath: '/src/skilldock',
      resourcesPath: '/x',
      mainDir: '/src/skilldock/out/main',
    })
    expect(dev.resourcesDir).toBe(join('/src/skilldock', 'resources'))
  })
})

describe('window state', () => {
  const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }]
  it('restores saved bounds that are on a display, and drops the rest', () => {
    expect(restorableBounds({ x: 100, y: 50, width: 1000, height: 700 }, screen)).toEqual({
      x: 100,
      y: 50,
      width: 1000,
      height: 700,
    })
    expect(restorableBounds({ x: 5000, y: 50, width: 1000, height: 700 }, screen)).toBeNull()
    expect(restorableBounds({ x: 0, y: 0, width: 10, height: 10 }, screen)).toBeNull()
    expect(restorableBounds({ x: 'a' }, screen)).toBeNull()
    expect(restorableBounds(undefined, screen)).toBeNull()
  })
})

describe('tray', () => {
  it('shows the pending count and links it to the inbox', () => {
    const shown: Array<string | undefined> = []
    let quit = 0
    const items = trayMenu({ skills: 3, calls: 0 }, { show: (r) => shown.push(r), quit: () => quit++ })
    expect(trayTooltip({ skills: 3, calls: 0 })).toBe('SkillDock — 3 approvals waiting')
    expect(trayTooltip({ skills: 1, calls: 0 })).toBe('SkillDock — 1 approval waiting')
    expect(items[0]).toMatchObject({ label: 'Review 3 pending approvals…', enabled: true })
    items[0]?.click?.()
    items.find((i) => i.label === 'Quit SkillDock')?.click?.()
    expect(shown).toEqual(['#/approvals'])
    expect(quit).toBe(1)
    const none = { show: () => undefined, quit: () => undefined }
    expect(trayMenu({ skills: 0, calls: 0 }, none)[0]).toMatchObject({ enabled: false })
    expect(trayTooltip({ skills: 0, calls: 0 })).toBe('SkillDock — no approvals waiting')
  })

  it('counts calls held for approval with the skill requests, and says which is which', () => {
    const none = { show: () => undefined, quit: () => undefined }
    expect(trayTooltip({ skills: 2, calls: 1 })).toBe('SkillDock — 3 approvals waiting (2 skills, 1 call)')
    expect(trayTooltip({ skills: 0, calls: 2 })).toBe('SkillDock — 2 approvals waiting (2 calls)')
    expect(trayMenu({ skills: 0, calls: 1 }, none)[0]).toMatchObject({
      label: 'Review 1 pending approval (1 call)…',
      enabled: true,
    })
  })
})
