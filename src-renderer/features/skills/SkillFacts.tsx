import type { SkillDetail } from '../../../src-main/contract'
import { Fact, Facts, MonoCopy } from '../../components/Facts'
import { safeUrl } from '../../components/Markdown'
import { Section } from '../../components/Section'
import { formatDateTime } from '../../components/time'

/** Where the skill comes from and how it is identified. */
export function SkillFacts({ detail }: { detail: SkillDetail }) {
  const homepage = detail.homepage ? safeUrl(detail.homepage) : ''
  return (
    <Section title="Details">
      <Facts>
        <Fact label="Source">{detail.source}</Fact>
        <Fact label="Path">
          <MonoCopy text={detail.path} copyLabel="Copy path" />
        </Fact>
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
        <Fact label="Indexed">
          <time dateTime={detail.indexedAt} data-testid="skill-indexed">
            {formatDateTime(detail.indexedAt)}
          </time>
        </Fact>
      </Facts>
    </Section>
  )
}
