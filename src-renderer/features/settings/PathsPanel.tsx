import { useEffect } from 'react'
import { CopyButton } from '../../components/CopyButton'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { SettingsSection } from './SettingsSection'

/** Where SkillDock keeps its data, each path copyable. */
export function PathsPanel() {
  const load = useAppStore('system', (state) => state.load)
  const info = useAppStore('system', (state) => state.info)
  const paths = useAppStore('system', (state) => state.paths)
  const error = useAppStore('system', (state) => state.loadError)

  useEffect(() => {
    void load()
  }, [load])

  const rows: Array<[string, string]> = paths
    ? [
        ['Data home', paths.home],
        ['Library', paths.library],
        ['Drafts', paths.drafts],
        ['Source caches', paths.sources],
        ['Logs', paths.logs],
        ['Database', paths.database],
        ['Settings file', paths.settings],
      ]
    : []

  return (
    <SettingsSection
      id="settings-paths"
      title="Paths"
      intro={
        info
          ? `SkillDock ${info.version} · ${info.skillCount} skills. Set SKILLDOCK_HOME or --home to use another data home.`
          : undefined
      }
    >
      {error && <InlineError>{error}</InlineError>}
      {!paths ? (
        !error && <SkeletonLines count={2} label="Loading paths" />
      ) : (
        <dl className="grid grid-cols-[130px_1fr_auto] items-center gap-x-3 gap-y-1 text-sm">
          {rows.map(([label, path]) => (
            <div key={label} className="contents" data-testid="settings-path">
              <dt className="text-muted">{label}</dt>
              <dd className="truncate font-mono text-xs" title={path}>
                {path}
              </dd>
              <dd>
                <CopyButton text={path} label={`Copy the ${label.toLowerCase()} path`} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </SettingsSection>
  )
}
