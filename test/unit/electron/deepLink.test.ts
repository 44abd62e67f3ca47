import { describe, expect, it } from 'vitest'
import { DeepLinkInbox, findDeepLink, parseDeepLink } from '../../../src-main/electron/deepLink'

describe('deep links', () => {
  it('parses install links for local folders and remote sources, keeping the exact source', () => {
    expect(parseDeepLink('skilldock://install?source=%2Fhome%2Fme%2Fskills%2Fpdf')).toEqual({
      kind: 'install',
      source: '/home/me/skills/pdf',
      sourceKind: 'path',
      path: '/home/me/skills/pdf',
    })
    expect(parseDeepLink('skilldock://install?source=file%3A%2F%2F%2Ftmp%2Fmy%2520skill')).toMatchObject({
      sourceKind: 'path',
      path: '/tmp/my skill',
    })
    expect(parseDeepLink('skilldock://install/?source=https%3A%2F%2Fgithub.com%2Facme%2Fskills.git')).toEqual(
      {
        kind: 'install',
        source: 'https://github.com/acme/skills.git',
        sourceKind: 'url',
        path: null,
      },
    )
  })

  it.each([
    'skilldock://uninstall?source=/tmp/x',
    'skilldock://install',
    'skilldock://install?source=',
    'skilldock://install?source=relative/path',
    'skilldock://install?source=javascript%3Aalert(1)',
    'skilldock://install?source=http%3A%2F%2Fplain.example%2Fs.zip',
    'skilldock://install?source=file%3A%2F%2Fremote-host%2Fshare',
    'skilldock://install?source=%2Ftmp%2Fa%0Ab',
    'https://install?source=/tmp/x',
    'nonsense',
  ])('ignores %s', (link) => {
    expect(parseDeepLink(link)).toBeNull()
  })

  it('finds the link among command-line arguments', () => {
    expect(findDeepLink(['/usr/bin/skilldock', '--flag', 'skilldock://install?source=/x'])).toBe(
      'skilldock://install?source=/x',
    )
    expect(findDeepLink(['/usr/bin/skilldock'])).toBeNull()
  })

  it('queues links until the renderer listens, then pushes them', () => {
    const inbox = new DeepLinkInbox()
    expect(inbox.receive('skilldock://install?source=/a')).not.toBeNull()
    expect(inbox.receive('skilldock://bogus')).toBeNull()
    const pushed: string[] = []
    expect(inbox.take((r) => pushed.push(r.source)).map((r) => r.source)).toEqual(['/a'])
    inbox.receive('skilldock://install?source=/b')
    expect(pushed).toEqual(['/b'])
    expect(inbox.take(() => undefined)).toEqual([])
  })
})
