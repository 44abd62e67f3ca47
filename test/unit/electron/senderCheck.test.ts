import { describe, expect, it } from 'vitest'
import { allowedRendererOrigins, isTrustedSender } from '../../../src-main/electron/senderCheck'

const ours = { id: 1 }
const origins = ['app://skilldock']
const mainFrame = (url: string) => ({ url, parent: null })

describe('IPC sender check', () => {
  it('accepts the main frame of our window on the app origin', () => {
    expect(
      isTrustedSender(
        { sender: ours, senderFrame: mainFrame('app://skilldock/index.html#/skills') },
        ours,
        origins,
      ),
    ).toBe(true)
  })

  it('refuses another window, a subframe, a foreign origin, a destroyed frame', () => {
    const other = { id: 2 }
    expect(
      isTrustedSender({ sender: other, senderFrame: mainFrame('app://skilldock/index.html') }, ours, origins),
    ).toBe(false)
    expect(
      isTrustedSender(
        {
          sender: ours,
          senderFrame: { url: 'app://skilldock/x.html', parent: mainFrame('app://skilldock/') },
        },
        ours,
        origins,
      ),
    ).toBe(false)
    for (const url of [
      'https://evil.example/',
      'app://skilldock.evil/',
      'file:///tmp/index.html',
      'about:blank',
      'garbage',
    ]) {
      expect(isTrustedSender({ sender: ours, senderFrame: mainFrame(url) }, ours, origins), url).toBe(false)
    }
    expect(isTrustedSender({ sender: ours, senderFrame: null }, ours, origins)).toBe(false)
  })

  it('allows the dev server origin only when one is configured', () => {
    expect(allowedRendererOrigins('app://skilldock', undefined)).toEqual(['app://skilldock'])
    const dev = allowedRendererOrigins('app://skilldock', 'http://localhost:5173/')
    expect(
      isTrustedSender({ sender: ours, senderFrame: mainFrame('http://localhost:5173/#/') }, ours, dev),
    ).toBe(true)
    expect(
      isTrustedSender({ sender: ours, senderFrame: mainFrame('http://localhost:5174/') }, ours, dev),
    ).toBe(false)
  })
})
