import { ErrorBoundary } from './components/ErrorBoundary'
import { NavRail } from './components/NavRail'
import { Toasts } from './features/notifications/Toasts'
import { PaletteHost } from './features/palette/PaletteHost'
import { InstallRequestDialog } from './features/install/InstallRequestDialog'
import { SessionExpired } from './components/SessionExpired'
import { useRoute } from './router'
import { navItems, sections } from './sections'
import { useSessionStore } from './stores/context'

/** The shell: header, navigation rail and the current screen. */
export function App() {
  const expired = useSessionStore((state) => state.expired)
  const route = useRoute()
  if (expired) return <SessionExpired />

  // Unknown or empty routes show the default screen rather than a blank page.
  const section = sections.find((candidate) => candidate.id === route.section) ?? sections[0]
  const sectionRoute = section.id === route.section ? route : { section: section.id, params: [] }

  return (
    <div className="flex h-screen flex-col bg-app text-fg">
      <header className="flex h-9 shrink-0 items-center gap-2 border-b border-line bg-panel px-3">
        <span className="text-sm font-semibold tracking-tight">SkillDock</span>
        <PaletteHost sections={sections} />
      </header>
      <div className="flex min-h-0 flex-1">
        <NavRail items={navItems} current={section.id} />
        <main className="min-w-0 flex-1">
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
