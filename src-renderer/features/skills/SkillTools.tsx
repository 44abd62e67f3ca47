import type { SkillDetail } from '../../../src-main/contract'
import { Section } from '../../components/Section'

/** The tools the skill's server reported at its last start, else the ones SKILL.md declares. */
export function SkillTools({ detail }: { detail: SkillDetail }) {
  if (detail.tools.length > 0) {
    return (
      <Section title={`Tools (${detail.tools.length})`}>
        <ul className="flex flex-col gap-1.5">
          {detail.tools.map((tool) => (
            <li key={tool.name} className="selectable">
              <code className="font-medium">{tool.name}</code>
              {tool.description && <p className="text-sm text-muted">{tool.description}</p>}
            </li>
          ))}
        </ul>
      </Section>
    )
  }
  if (detail.declaredTools.length > 0) {
    return (
      <Section title="Tools">
        <p className="selectable text-sm">
          <span className="text-muted">declared tools: </span>
          {detail.declaredTools.join(', ')}
        </p>
      </Section>
    )
  }
  if (!detail.hasServer) return null
  return (
    <Section title="Tools">
      <p className="text-sm text-muted">This skill has a server; its tools are listed after it first runs.</p>
    </Section>
  )
}
