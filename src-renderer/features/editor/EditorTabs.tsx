import type { SkillWorkspace } from '../../../src-main/contract'
import { tabPaths } from '../../stores/editor'

/** One tab per editable text file (SKILL.md and skill.py first); a dot marks unsaved edits. */
export function EditorTabs({
  workspace,
  active,
  dirty,
  onSelect,
}: {
  workspace: SkillWorkspace
  active: string | null
  dirty: readonly string[]
  onSelect: (path: string) => void
}) {
  const locked = workspace.files.filter((file) => !file.editable)
  return (
    <div
      role="tablist"
      aria-label="Files"
      className="flex shrink-0 items-end gap-0.5 overflow-x-auto border-b border-line bg-panel px-3 pt-1"
    >
      {tabPaths(workspace).map((path) => {
        const selected = path === active
        return (
          <button
            key={path}
            type="button"
            role="tab"
            aria-selected={selected}
            data-testid="editor-tab"
            data-path={path}
            onClick={() => onSelect(path)}
            className={`flex h-7 items-center gap-1.5 rounded-t border border-b-0 px-3 font-mono text-xs whitespace-nowrap ${
              selected ? 'border-line bg-surface text-fg' : 'border-transparent text-muted hover:text-fg'
            }`}
          >
            {path}
            {dirty.includes(path) && (
              <span
                className="size-1.5 rounded-full bg-accent"
                data-testid="editor-tab-dirty"
                aria-label="unsaved"
              />
            )}
          </button>
        )
      })}
      {locked.length > 0 && (
        <span
          className="ml-auto self-center pb-1 text-xs text-muted"
          title={locked.map((file) => `${file.path}: ${file.reason ?? 'not editable'}`).join('\n')}
        >
          {locked.length} file{locked.length === 1 ? '' : 's'} not editable here
        </span>
      )}
    </div>
  )
}
