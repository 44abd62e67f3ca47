import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from '../../../../src-renderer/components/Markdown'

afterEach(cleanup)

function renderMarkdown(source: string): HTMLElement {
  return render(<Markdown source={source} />).container
}

describe('Markdown', () => {
  it('never turns raw HTML into elements', () => {
    const container = renderMarkdown(
      [
        'Before',
        '',
        '<script>window.pwned = true</script>',
        '',
        '<img src="x" onerror="window.pwned = true">',
        '',
        '<iframe src="https://evil.example"></iframe>',
        '',
        'Inline <b onclick="x()">bold</b> text',
      ].join('\n'),
    )
    expect(container.querySelector('script, iframe, img, b')).toBeNull()
    expect(container.querySelector('[onerror], [onclick]')).toBeNull()
    expect(container.textContent).toContain('Before')
    // Shown as written, so the reviewer reads what the agent will read.
    expect(container.textContent).toContain('<script>window.pwned = true</script>')
    expect(container.textContent).toContain('Inline <b onclick="x()">bold</b> text')
  })

  it('shows placeholder-like tags as literal text instead of dropping them', () => {
    const container = renderMarkdown('Write: Hi <first name>, thanks for <order-id>.\n\n<br>')
    expect(container.textContent).toContain('Hi <first name>, thanks for <order-id>.')
    expect(container.textContent).toContain('<br>')
    expect(container.querySelector('br, first, order-id')).toBeNull()
  })

  it('does not load remote images and says so', () => {
    const container = renderMarkdown('![diagram](https://example.com/track.png)')
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain('[image: diagram] (remote images are not loaded)')
    const link = container.querySelector('a')
    expect(link?.getAttribute('href')).toBe('https://example.com/track.png')
    expect(link?.getAttribute('rel')).toBe('noreferrer noopener')
  })

  it('does not render data: images either', () => {
    const container = renderMarkdown('![pixel](data:image/png;base64,iVBORw0KGgo=)')
    expect(container.querySelector('img')).toBeNull()
    expect(container.innerHTML).not.toContain('data:')
    expect(container.textContent).toContain('[image: pixel]')
  })

  it('neutralizes javascript: and other unsafe links', () => {
    const container = renderMarkdown(
      '[click](javascript:alert(1)) [js2](JAVASCRIPT:alert(2)) [file](file:///etc/passwd) [rel](notes.md)',
    )
    expect(container.innerHTML.toLowerCase()).not.toContain('javascript:')
    expect(container.querySelectorAll('a')).toHaveLength(0)
    expect(container.textContent).toContain('click')
  })

  it('opens safe links in a new window without a referrer', () => {
    const container = renderMarkdown('[site](https://example.com) and [mail](mailto:me@example.com)')
    const links = [...container.querySelectorAll('a')]
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      'https://example.com',
      'mailto:me@example.com',
    ])
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank')
      expect(link.getAttribute('rel')).toBe('noreferrer noopener')
    }
  })

  it('renders GFM tables', () => {
    const container = renderMarkdown('| tool | purpose |\n| --- | --- |\n| grep | search |\n')
    const cells = [...container.querySelectorAll('table td')].map((cell) => cell.textContent)
    expect(container.querySelectorAll('table th')).toHaveLength(2)
    expect(cells).toEqual(['grep', 'search'])
  })
})
