import type { McpClientKind } from '../../../src-main/contract'

/** The MCP clients SkillDock writes a configuration for, in the order the tabs show them. */
export const clientKinds: ReadonlyArray<{ id: McpClientKind; label: string }> = [
  { id: 'claude-desktop', label: 'Claude Desktop' },
  { id: 'claude-code', label: 'Claude Code' },
  { id: 'cursor', label: 'Cursor' },
  { id: 'vscode', label: 'VS Code' },
  { id: 'codex', label: 'Codex' },
]

export const kindLabel = (kind: McpClientKind): string =>
  clientKinds.find((item) => item.id === kind)?.label ?? kind
