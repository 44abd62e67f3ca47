import type { SkillSummary } from '../../../src-main/contract'
import { navigate, routeHref } from '../../router'
import type { AppSection } from '../../sections'
import type { AppStores } from '../../stores/context'
import { goKeys } from './shortcuts'

/** One entry of the command palette. */
export interface PaletteCommand {
  id: string
  group: 'Go to' | 'Actions' | 'Skills'
  label: string
  /** The screen's label or the skill's name, ranked above everything else when typed. */
  name?: string
  /** Extra words it is found by. */
  keywords?: string[]
  hint?: string
  run(): void
}

/** Runs `action` on the element matching `selector` once the new screen has rendered it. */
export function whenRendered(selector: string, action: (element: HTMLElement) => void, frames = 60): void {
  const element = document.querySelector<HTMLElement>(selector)
  if (element) action(element)
  else if (frames > 0) requestAnimationFrame(() => whenRendered(selector, action, frames - 1))
}

/** Brings a field the palette jumped to into the middle of the screen and puts the cursor in it. */
function focusInView(field: HTMLElement): void {
  field.scrollIntoView({ block: 'center' })
  field.focus()
}

/** The palette's commands: every screen, the main actions, and each skill. */
export function paletteCommands(
  sections: readonly AppSection[],
  stores: AppStores,
  skills: readonly SkillSummary[],
  showHelp: () => void,
): PaletteCommand[] {
  const keys = goKeys(sections)
  const goTo: PaletteCommand[] = sections.map((section, index) => ({
    id: `go:${section.id}`,
    group: 'Go to',
    label: `Go to ${section.label}`,
    name: section.label,
    keywords: [section.id],
    hint: [
      index < 9 ? `Alt ${index + 1}` : null,
      keys.has(section.id) ? `G ${keys.get(section.id)?.toUpperCase()}` : null,
    ]
      .filter(Boolean)
      .join(' · '),
    run: () => navigate(routeHref(section.id)),
  }))
  const actions: PaletteCommand[] = [
    {
      id: 'action:add-source',
      group: 'Actions',
      label: 'Add a source…',
      keywords: ['repository', 'git', 'folder', 'install', 'import'],
      run: () => {
        navigate(routeHref('sources'))
        whenRendered('[data-testid="add-source"]', (button) => button.click())
      },
    },
    {
      id: 'action:generate',
      group: 'Actions',
      label: 'Generate a skill…',
      keywords: ['new', 'create', 'intent', 'llm'],
      run: () => {
        navigate(routeHref('generator'))
        whenRendered('#generator-intent', (field) => field.focus())
      },
    },
    {
      id: 'action:doctor',
      group: 'Actions',
      label: 'Run the doctor',
      keywords: ['check', 'environment', 'diagnose', 'health'],
      run: () => {
        navigate(routeHref('settings'))
        void stores.system.getState().runDoctor()
        whenRendered('#settings-doctor', (heading) => heading.scrollIntoView({ block: 'start' }))
      },
    },
    {
      id: 'action:client',
      group: 'Actions',
      label: 'Create an MCP client…',
      keywords: ['token', 'endpoint', 'claude', 'cursor', 'vscode', 'codex'],
      run: () => {
        navigate(routeHref('settings'))
        whenRendered('[data-testid="endpoint-client-name"]', focusInView)
      },
    },
    {
      id: 'action:credentials',
      group: 'Actions',
      label: 'Set a skill credential…',
      keywords: ['secret', 'api key', 'keychain', 'token'],
      run: () => {
        navigate(routeHref('settings'))
        whenRendered('[data-testid="credentials-skill"]', focusInView)
      },
    },
    {
      id: 'action:reindex',
      group: 'Actions',
      label: 'Reload the skill list',
      keywords: ['refresh', 'reindex'],
      run: () => void stores.skills.getState().refresh(),
    },
    {
      id: 'action:shortcuts',
      group: 'Actions',
      label: 'Show keyboard shortcuts',
      keywords: ['keys', 'help', '?'],
      hint: '?',
      run: showHelp,
    },
  ]
  const open: PaletteCommand[] = skills.map((skill) => ({
    id: `skill:${skill.name}`,
    group: 'Skills',
    label: skill.name,
    name: skill.name,
    keywords: [skill.description.slice(0, 200), ...skill.tags],
    hint: skill.state,
    run: () => navigate(routeHref('skills', skill.name)),
  }))
  return [...goTo, ...actions, ...open]
}
