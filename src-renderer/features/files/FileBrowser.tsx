import { FileText, Folder } from 'lucide-react'
import { useEffect, type ReactNode } from 'react'
import type { SkillFile } from '../../../src-main/contract'
import { InlineError } from '../../components/InlineError'
import { SkeletonLines } from '../../components/Skeleton'
import { useAppStore } from '../../stores/context'
import { formatBytes } from '../skills/presentation'
import { CodeView } from './CodeView'

interface TreeNode {
  name: string
  /** Set on files: the path inside the skill. */
  file: SkillFile | null
  children: TreeNode[]
}

/** Paths → a folder tree, folders first, each level by name. */
export function fileTree(files: readonly SkillFile[]): TreeNode[] {
  const root: TreeNode = { name: '', file: null, children: [] }
  for (const file of files) {
    const parts = file.path.split('/')
    let node = root
    parts.forEach((part, index) => {
      const leaf = index === parts.length - 1
      let child = node.children.find(
        (candidate) => candidate.name === part && (candidate.file !== null) === leaf,
      )
      if (!child) {
        child = { name: part, file: leaf ? file : null, children: [] }
        node.children.push(child)
      }
      node = child
    })
  }
  const sort = (nodes: TreeNode[]): TreeNode[] =>
    nodes
      .sort((a, b) => Number(a.file !== null) - Number(b.file !== null) || a.name.localeCompare(b.name))
      .map((node) => ({ ...node, children: sort(node.children) }))
  return sort(root.children)
}

/**
 * The skill's installed files as a tree; a click opens the file read-only below it. The approval
 * page and the skill page share it, and scan findings open their file at their line through it.
 * With `approval`, the files are the ones that request asks to approve (a staged proposal's own).
 */
export function FileBrowser({ skill, approval = null }: { skill: string; approval?: string | null }) {
  const shown = (state: { skill: string | null; approval: string | null }): boolean =>
    state.skill === skill && state.approval === approval
  const files = useAppStore('skillFiles', (state) => (shown(state) ? state.files : null))
  const error = useAppStore('skillFiles', (state) => (shown(state) ? state.listError : null))
  const open = useAppStore('skillFiles', (state) => (shown(state) ? state.open : null))
  const load = useAppStore('skillFiles', (state) => state.load)
  const openFile = useAppStore('skillFiles', (state) => state.openFile)
  const close = useAppStore('skillFiles', (state) => state.close)

  useEffect(() => {
    void load(skill, approval)
  }, [load, skill, approval])

  if (error) return <InlineError>{error}</InlineError>
  if (!files) return <SkeletonLines count={3} label="Loading files" />
  if (files.length === 0) return <p className="text-sm text-muted">The skill folder has no files.</p>
  return (
    <div className="flex flex-col gap-2">
      <ul role="tree" aria-label={`Files of ${skill}`} data-testid="file-tree" className="text-sm">
        <TreeLevel
          nodes={fileTree(files)}
          depth={0}
          openPath={open?.path ?? null}
          onOpen={(path) => void openFile(path)}
        />
      </ul>
      {open && <CodeView file={open} onClose={close} />}
    </div>
  )
}

function TreeLevel(props: {
  nodes: TreeNode[]
  depth: number
  openPath: string | null
  onOpen: (path: string) => void
}): ReactNode {
  return props.nodes.map((node) =>
    node.file ? (
      <li key={`f:${node.name}`} role="treeitem" aria-selected={props.openPath === node.file.path}>
        <button
          type="button"
          data-testid="file-entry"
          data-path={node.file.path}
          onClick={() => props.onOpen(node.file!.path)}
          style={{ paddingLeft: `${props.depth * 16 + 4}px` }}
          className={`flex w-full items-center gap-1.5 rounded py-0.5 pr-1 text-left hover:bg-fg/6 ${
            props.openPath === node.file.path ? 'bg-selected' : ''
          }`}
        >
          <FileText size={12} aria-hidden className="shrink-0 text-muted" />
          <span className="font-mono text-xs break-all">{node.name}</span>
          <span className="ml-auto text-xs whitespace-nowrap text-muted tabular-nums">
            {formatBytes(node.file.size)}
          </span>
        </button>
      </li>
    ) : (
      <li key={`d:${node.name}`} role="treeitem" aria-expanded>
        <div
          style={{ paddingLeft: `${props.depth * 16 + 4}px` }}
          className="flex items-center gap-1.5 py-0.5 text-muted"
        >
          <Folder size={12} aria-hidden className="shrink-0" />
          <span className="font-mono text-xs">{node.name}/</span>
        </div>
        <ul role="group">
          <TreeLevel
            nodes={node.children}
            depth={props.depth + 1}
            openPath={props.openPath}
            onOpen={props.onOpen}
          />
        </ul>
      </li>
    ),
  )
}
