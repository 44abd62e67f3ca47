import type { ReactNode } from 'react'
import type { SkillDetail } from '../../../src-main/contract'
import { CopyButton } from '../../components/CopyButton'
import { safeUrl } from '../../components/Markdown'
import { Section } from '../../components/Section'

/** Where the skill comes from and how it is identified. */
export function SkillFacts({ detail }: { detail: SkillDetail }) {
  const homepage = detail.homepage ? safeUrl(detail.homepage) : ''
  return (
    <Section title="Details">
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
        <Fact label="Source">{detail.source}</Fact>
        <Fact label="Path">
          <Mono text={detail.path} copyLabel="Copy path" />
        </Fact>
        <Fact label="Fingerprint">
          {detail.fingerprint ? <Mono text={detail.fingerprint} copyLabel="Copy fingerprint" /> : '—'}
        </Fact>
        <Fact label="Trust">{detail.trust}</Fact>
        {detail.risk && <Fact label="Risk">{detail.risk}</Fact>}
        {detail.license && <Fact label="License">{detail.license}</Fact>}
        {homepage && (
          <Fact label="Homepage">
            <a href={homepage} target="_blank" rel="noreferrer noopener" className="text-accent underline">
              {homepage}
            </a>
          </Fact>
        )}
        {detail.category && <Fact label="Category">{detail.category}</Fact>}
        {detail.tags.length > 0 && <Fact label="Tags">{detail.tags.join(', ')}</Fact>}
        <Fact label="Indexed">{detail.indexedAt}</Fact>
      </dl>
    </Section>
  )
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-muted">{label}</dt>
      <dd className="selectable min-w-0 break-words">{children}</dd>
    </>
  )
}

function Mono({ text, copyLabel }: { text: string; copyLabel: string }) {
  return (
    <span className="flex items-start gap-1">
      <code className="min-w-0 text-xs break-all">{text}</code>
      <CopyButton text={text} label={copyLabel} />
    </span>
  )
}
