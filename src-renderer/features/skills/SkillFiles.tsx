import type { SkillDetail } from '../../../src-main/contract'
import { Section } from '../../components/Section'
import { FileBrowser } from '../files/FileBrowser'

/** The files in the skill's folder as a tree; each opens read-only with syntax colours. */
export function SkillFiles({ detail }: { detail: SkillDetail }) {
  if (detail.files.length === 0) return null
  return (
    <Section title={`Files (${detail.files.length})`}>
      <FileBrowser skill={detail.name} />
    </Section>
  )
}
