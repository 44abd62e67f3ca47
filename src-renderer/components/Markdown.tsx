import type { ComponentPropsWithoutRef } from 'react'
import ReactMarkdown, { type Components, type ExtraProps } from 'react-markdown'
import remarkGfm from 'remark-gfm'

const SAFE_LINK = /^(https?:|mailto:)/i
const REMOTE = /^https?:/i

/**
 * Only absolute http(s) and mailto URLs survive; everything else (javascript:, data:, file:,
 * relative paths that would resolve against the app) becomes empty and is rendered as text.
 */
export function safeUrl(url: string): string {
  const trimmed = url.trim()
  return SAFE_LINK.test(trimmed) ? trimmed : ''
}

function SafeLink({ href, children, node: _node, ...rest }: ComponentPropsWithoutRef<'a'> & ExtraProps) {
  if (!href) return <span className="md-dead-link">{children}</span>
  return (
    <a {...rest} href={href} target="_blank" rel="noreferrer noopener">
      {children}
    </a>
  )
}

/** Images are never loaded: remote ones leak that a skill was opened, data: ones can hide content. */
function BlockedImage({ src, alt }: ComponentPropsWithoutRef<'img'> & ExtraProps) {
  const label = `[image: ${alt || 'untitled'}]`
  if (typeof src === 'string' && REMOTE.test(src)) {
    return (
      <a className="md-blocked-image" href={src} target="_blank" rel="noreferrer noopener">
        {label} (remote images are not loaded)
      </a>
    )
  }
  return <span className="md-blocked-image">{label} (images are not shown)</span>
}

const components: Components = { a: SafeLink, img: BlockedImage }

interface MdNode {
  type: string
  value?: string
  children?: MdNode[]
}

/**
 * Raw HTML in the Markdown becomes literal text. Agents read SKILL.md as text, so `Hi <first name>`
 * must show as written: dropping it would hide from the reviewer what the agent gets, and
 * rendering it would run the skill's markup in the app.
 */
export function remarkHtmlAsText() {
  const walk = (node: MdNode): void => {
    if (node.type === 'html') node.type = 'text'
    node.children?.forEach(walk)
  }
  return (tree: MdNode): void => walk(tree)
}

/**
 * Renders untrusted Markdown (a skill's instructions): GFM, raw HTML shown as literal text and
 * never rendered, safe links only, no images loaded.
 */
export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={`markdown ${className ?? ''}`}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, remarkHtmlAsText]}
        skipHtml
        urlTransform={safeUrl}
        components={components}
      >
        {source}
      </ReactMarkdown>
    </div>
  )
}
