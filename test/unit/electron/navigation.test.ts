import { describe, expect, it } from 'vitest'
import {
  decideWindowOpen,
  isAllowedExternalUrl,
  isNavigationAllowed,
} from '../../../src-main/electron/navigation'

describe('navigation and window.open', () => {
  it('opens only allow-listed https links externally and always denies the new window', () => {
    expect(decideWindowOpen('https://github.com/acme/skills')).toEqual({
      action: 'deny',
      openExternal: 'https://github.com/acme/skills',
    })
    for (const url of [
      'http://github.com/acme',
      'https://evil.example/',
      'https://github.com.evil.example/',
      'https://user:pw@github.com/',
      'https://github.com:8443/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
    ]) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternal: null })
      expect(isAllowedExternalUrl(url), url).toBe(false)
    }
  })

  it('allows only reloads of the current page', () => {
    const current = 'app://skilldock/index.html#/skills'
    expect(isNavigationAllowed(current, 'app://skilldock/index.html#/approvals')).toBe(true)
    expect(isNavigationAllowed(current, 'app://skilldock/other.html')).toBe(false)
    expect(isNavigationAllowed(current, 'https://github.com/')).toBe(false)
    expect(isNavigationAllowed('', 'app://skilldock/index.html')).toBe(false)
  })
})
