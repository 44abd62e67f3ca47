import { AppIcon } from './components/AppIcon'
import { ErrorBoundary } from './components/ErrorBoundary'
import { NavRail } from './components/NavRail'
import { Toasts } from './features/notifications/Toasts'
import { PaletteHost } from './features/palette/PaletteHost'
import { InstallRequestDialog } from './features/install/InstallRequestDialog'
import { SessionExpired } from './components/SessionExpired'
import { useRoute } from './router'
import { navItems, sections } from './sections'
import { useAppStore } from './stores/context'

/**
 * The skip link's target: the screen's main list when it has one (the skill list is a listbox),
 * else the screen itself.
 */
function skipToMain(): void {
  const main = document.getElementById('main-content')
  const list = main?.querySelector<HTMLElement>('[role="listbox"], [data-skip-target]')
  ;(list ?? main)?.focus()
}

/** The shell: header, navigation rail and the current screen. */
export function App() {
  const expired = useAppStore('session', (state) => state.expired)
  const route = useRoute()
  if (expired) return <SessionExpired />

  // Unknown or empty routes show the default screen rather than a blank page.
  const section = sections.find((candidate) => candidate.id === route.section) ?? sections[0]
  const sectionRoute = section.id === route.section ? route : { section: section.id, params: [] }

  return (
    <div className="flex h-screen flex-col bg-app text-fg">
      {/* A link, not a route: the hash is the router's, so it moves focus itself. */}
      <a
        href="#main-content"
        data-testid="skip-link"
        onClick={(event) => {
          event.preventDefault()
          skipToMain()
        }}
        className="sr-only z-50 rounded bg-accent px-3 py-1.5 font-medium text-surface focus:not-sr-only focus:fixed focus:top-1 focus:left-1"
      >
        Skip to the main list
      </a>
      <header className="flex h-9 shrink-0 items-center gap-2 border-b border-line bg-panel px-3">
        <AppIcon />
        <h1 className="text-sm font-semibold tracking-tight">SkillDock</h1>
        <PaletteHost sections={sections} />
      </header>
      <div className="flex min-h-0 flex-1">
        <NavRail items={navItems} current={section.id} />
        <main id="main-content" tabIndex={-1} className="min-w-0 flex-1 outline-none">
          <ErrorBoundary key={section.id} area={section.label}>
            {section.render(sectionRoute)}
          </ErrorBoundary>
        </main>
      </div>
      {window.skilldock && <InstallRequestDialog bridge={window.skilldock} />}
      <Toasts />
    </div>
  )
}
