import { InlineError } from '../../components/InlineError'
import { Markdown } from '../../components/Markdown'
import { Section } from '../../components/Section'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { RunnerPanel } from '../runner/RunnerPanel'
import { SkillActivity } from './SkillActivity'
import { SkillFacts } from './SkillFacts'
import { SkillFiles } from './SkillFiles'
import { SkillHeader } from './SkillHeader'
import { SkillProblems } from './SkillProblems'
import { SkillTabs, type SkillTab } from './SkillTabs'
import { SkillTools, useAskForToolsOnce } from './SkillTools'
import { SkillTrust } from './SkillTrust'

/** Under the tab strip, the first section needs no rule of its own. */
const firstSectionFlush = '[&>section:first-child]:border-t-0 [&>div>section:first-child]:border-t-0'

/** The right pane: everything about the open skill; skills with a server also get a Run tab. */
export function SkillDetailPane({ tab = null }: { tab?: string | null }) {
  const selectedName = useAppStore('skills', (state) => state.selectedName)
  const detail = useAppStore('skills', (state) => state.detail)
  const loading = useAppStore('skills', (state) => state.detailLoading)
  const error = useAppStore('skills', (state) => state.detailError)
  // The Overview and the Run tab both show the tools: ask a never-run server for them once.
  useAskForToolsOnce(tab === 'activity' ? null : detail)

  if (!selectedName) {
    return (
      <div className="flex h-full items-center justify-center p-6 text-muted">
        Select a skill to see its instructions, tools and files.
      </div>
    )
  }
  if (error && !detail) {
    return (
      <div className="p-4">
        <InlineError>{error}</InlineError>
      </div>
    )
  }
  if (!detail) return <SkeletonLines count={5} label="Loading skill" />

  const current: SkillTab = (tab === 'run' || tab === 'activity') && detail.hasServer ? tab : 'overview'
  return (
    <article data-testid="skill-detail" aria-busy={loading} className="mx-auto max-w-4xl px-5 pb-8">
      <SkillHeader detail={detail} />
      {detail.hasServer && <SkillTabs name={detail.name} current={current} />}
      {current === 'activity' ? (
        <div role="tabpanel" aria-label="Activity" className={firstSectionFlush}>
          <SkillActivity name={detail.name} />
        </div>
      ) : current === 'run' ? (
        <div role="tabpanel" aria-label="Run" className={firstSectionFlush}>
          <RunnerPanel key={detail.name} name={detail.name} />
        </div>
      ) : (
        <div
          role={detail.hasServer ? 'tabpanel' : undefined}
          aria-label="Overview"
          className={detail.hasServer ? firstSectionFlush : undefined}
        >
          <SkillProblems detail={detail} />
          <Section title="Instructions">
            <div data-testid="skill-instructions">
              {detail.instructions.trim() ? (
                <Markdown source={detail.instructions} />
              ) : (
                <p className="text-muted">This skill has no instructions.</p>
              )}
            </div>
          </Section>
          <SkillTools detail={detail} />
          <SkillTrust detail={detail} />
          <SkillFiles detail={detail} />
          <SkillFacts detail={detail} />
        </div>
      )}
    </article>
  )
}
