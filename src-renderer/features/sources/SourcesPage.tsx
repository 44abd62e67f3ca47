import {
  Download,
  FolderGit2,
  KeyRound,
  type LucideIcon,
  Plus,
  RefreshCw,
  Share2,
  Square,
  Store,
  Trash2,
} from 'lucide-react'
import { type ReactNode, useEffect, useState } from 'react'
import type { RepoInfo } from '../../../src-main/contract'
import { joinKinds, sourceKindFacts, sourceKindsListed } from '../../../src-main/contract/sourceKindFacts'
import { Badge, type BadgeTone } from '../../components/Badge'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { formatDateTime, formatRelativeTime } from '../../components/time'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { AddSourceDialog } from './AddSourceDialog'
import { AdoptDialog } from './AdoptDialog'
import { ExportDialog } from './ExportDialog'
import { MarketplaceDialog } from './MarketplaceDialog'
import { SourceSkills } from './SourceSkills'
import { SyncProgress } from './SyncProgress'
import { TokenDialog } from './TokenDialog'
import { UpdatesPanel } from './UpdatesPanel'

const statusTones: Record<NonNullable<RepoInfo['lastStatus']>, BadgeTone> = {
  ok: 'ok',
  error: 'danger',
  cancelled: 'warn',
}

/** "folders, git repositories, HTTP indexes and MCP servers": every kind, from the contract. */
const sourcesList = joinKinds(
  sourceKindsListed().map((t) => sourceKindFacts[t].plural),
  'and',
)

const RUNNING = new Set(['starting', 'fetching', 'reconciling'])

type SourceDialog = 'add' | 'export' | 'adopt' | 'marketplace'

/** A button of the page header; `first` pushes the group to the right, `primary` is the accent one. */
function HeaderButton(props: {
  testId: string
  icon: LucideIcon
  onClick: () => void
  first?: boolean
  primary?: boolean
  children: ReactNode
}) {
  const Icon = props.icon
  return (
    <button
      type="button"
      data-testid={props.testId}
      onClick={props.onClick}
      className={`${props.first ? 'ml-auto ' : ''}inline-flex h-7 items-center gap-1.5 rounded px-3 ${
        props.primary ? 'bg-accent font-medium text-surface' : 'border border-line hover:bg-fg/8'
      }`}
    >
      <Icon size={13} aria-hidden />
      {props.children}
    </button>
  )
}

/** Skill sources: the repositories table, add, sync with progress and cancel, and browsing one. */
export function SourcesPage({ repoName }: { repoName: string | null }) {
  const refresh = useAppStore('sources', (state) => state.refresh)
  const browse = useAppStore('sources', (state) => state.browse)
  const repos = useAppStore('sources', (state) => state.repos)
  const loaded = useAppStore('sources', (state) => state.loaded)
  const error = useAppStore('sources', (state) => state.error)
  // At most one dialog is open at a time.
  const [dialog, setDialog] = useState<SourceDialog | null>(null)
  const close = () => setDialog(null)

  useEffect(() => {
    void refresh()
  }, [refresh])

  useEffect(() => {
    void browse(repoName)
  }, [browse, repoName])

  return (
    <div className="flex h-full flex-col overflow-y-auto bg-surface">
      <div className="flex items-center gap-2 border-b border-line px-5 py-3">
        <h2 className="text-xl font-semibold">Sources</h2>
        <span className="text-muted">Where skills come from: {sourcesList}.</span>
        <HeaderButton testId="open-marketplace" icon={Store} onClick={() => setDialog('marketplace')} first>
          Marketplace
        </HeaderButton>
        <HeaderButton testId="adopt-skills" icon={Download} onClick={() => setDialog('adopt')}>
          Adopt from agents
        </HeaderButton>
        <HeaderButton testId="export-skills" icon={Share2} onClick={() => setDialog('export')}>
          Export to agents
        </HeaderButton>
        <HeaderButton testId="add-source" icon={Plus} onClick={() => setDialog('add')} primary>
          Add source
        </HeaderButton>
      </div>
      <UpdatesPanel />
      <div className="px-5 py-3">
        {error && <InlineError>{error}</InlineError>}
        {!loaded ? (
          <SkeletonLines count={3} label="Loading sources" />
        ) : repos.length === 0 ? (
          <div
            className="flex flex-col items-center gap-2 py-12 text-center text-muted"
            data-testid="sources-empty"
          >
            <FolderGit2 size={28} aria-hidden />
            <p>No sources yet. Add a folder of skills, a git repository or an HTTP index.</p>
          </div>
        ) : (
          // Fixed widths: a sync's progress and messages must not make the columns jump.
          <table className="w-full table-fixed text-sm" data-testid="sources-table">
            <colgroup>
              <col className="w-[16%]" />
              <col className="w-20" />
              <col />
              <col className="w-28" />
              <col className="w-48" />
              <col className="w-16" />
              <col className="w-44" />
            </colgroup>
            <thead>
              <tr className="border-b border-line text-left text-xs tracking-wide text-muted uppercase">
                <th className="py-1.5 pr-3 font-semibold">Name</th>
                <th className="py-1.5 pr-3 font-semibold">Type</th>
                <th className="py-1.5 pr-3 font-semibold">URL</th>
                <th className="py-1.5 pr-3 font-semibold">Last sync</th>
                <th className="py-1.5 pr-3 font-semibold">Status</th>
                <th className="py-1.5 pr-3 font-semibold">Skills</th>
                <th className="py-1.5 font-semibold">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {repos.map((repo) => (
                <SourceRow key={repo.id} repo={repo} selected={repo.name === repoName} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {repoName && <SourceSkills repoName={repoName} />}
      {dialog === 'add' && (
        <AddSourceDialog
          onClose={() => {
            close()
            void refresh()
          }}
        />
      )}
      {dialog === 'export' && <ExportDialog onClose={close} />}
      {dialog === 'adopt' && <AdoptDialog onClose={close} />}
      {dialog === 'marketplace' && <MarketplaceDialog onClose={close} />}
    </div>
  )
}

function SourceRow({ repo, selected }: { repo: RepoInfo; selected: boolean }) {
  const sync = useAppStore('sources', (state) => state.syncs[repo.name])
  const count = useAppStore('sources', (state) => state.skillCounts[repo.name])
  const startSync = useAppStore('sources', (state) => state.sync)
  const cancel = useAppStore('sources', (state) => state.cancel)
  const remove = useAppStore('sources', (state) => state.remove)
  const [token, setToken] = useState(false)
  const running = sync !== undefined && RUNNING.has(sync.phase)
  const failure = sync?.error ?? repo.lastError

  return (
    <tr
      data-testid="source-row"
      data-repo={repo.name}
      className={`border-b border-line align-top ${selected ? 'bg-selected' : ''}`}
    >
      <td className="truncate py-2 pr-3 font-medium" title={repo.name}>
        <a href={routeHref('sources', repo.name)} className="hover:underline" data-testid="source-browse">
          {repo.name}
        </a>
      </td>
      <td className="py-2 pr-3">
        <Badge data-testid="source-type">{repo.type}</Badge>
      </td>
      <td className="truncate py-2 pr-3 font-mono text-xs" title={repo.url}>
        {repo.url}
        {repo.ref ? <span className="text-muted"> @ {repo.ref}</span> : null}
      </td>
      <td
        className="py-2 pr-3 whitespace-nowrap"
        title={repo.lastSyncAt ? formatDateTime(repo.lastSyncAt) : undefined}
      >
        {repo.lastSyncAt ? formatRelativeTime(repo.lastSyncAt) : <span className="text-muted">never</span>}
      </td>
      <td className="py-2 pr-3">
        <div className="flex min-w-0 flex-col gap-1">
          {sync ? (
            <SyncProgress repo={repo.name} sync={sync} />
          ) : repo.lastStatus ? (
            <Badge tone={statusTones[repo.lastStatus]} data-testid="source-status">
              {repo.lastStatus}
            </Badge>
          ) : (
            <span className="text-muted">not synced</span>
          )}
          {failure && !running && (
            <span className="text-xs break-words text-danger" data-testid="source-error">
              {failure}
            </span>
          )}
        </div>
      </td>
      <td className="py-2 pr-3" data-testid="source-skill-count">
        {count ?? <span className="text-muted">—</span>}
      </td>
      <td className="py-2">
        <div className="flex justify-end gap-1">
          {running ? (
            <button
              type="button"
              data-testid="source-cancel"
              onClick={() => void cancel(repo.name)}
              className="inline-flex h-6 items-center gap-1 rounded border border-line px-2 hover:bg-fg/8"
            >
              <Square size={11} aria-hidden />
              Cancel
            </button>
          ) : (
            <button
              type="button"
              data-testid="source-sync"
              onClick={() => void startSync(repo.name)}
              className="inline-flex h-6 items-center gap-1 rounded border border-line px-2 hover:bg-fg/8"
            >
              <RefreshCw size={11} aria-hidden />
              Sync
            </button>
          )}
          {sourceKindFacts[repo.type].takesToken && (
            <button
              type="button"
              data-testid="source-token"
              title="Store or remove this server's bearer token (kept in the OS keychain)"
              onClick={() => setToken(true)}
              className="inline-flex h-6 items-center gap-1 rounded border border-line px-2 hover:bg-fg/8"
            >
              <KeyRound size={11} aria-hidden />
              Token
            </button>
          )}
          <button
            type="button"
            aria-label={`Remove ${repo.name}`}
            title="Remove this source (installed skills stay)"
            disabled={running}
            onClick={() => {
              if (window.confirm(`Remove the source “${repo.name}”? Installed skills stay.`))
                void remove(repo.name)
            }}
            className="inline-flex h-6 items-center rounded border border-line px-1.5 hover:bg-fg/8 disabled:opacity-50"
          >
            <Trash2 size={11} aria-hidden />
          </button>
        </div>
        {token && <TokenDialog repoName={repo.name} onClose={() => setToken(false)} />}
      </td>
    </tr>
  )
}
