/** Window state and UI preferences (not the core's settings, which live in the data home). */
export interface ShellPrefs {
  windowBounds?: { x: number; y: number; width: number; height: number }
  maximized?: boolean
}

export interface PrefsStore {
  get<K extends keyof ShellPrefs>(key: K): ShellPrefs[K]
  set<K extends keyof ShellPrefs>(key: K, value: ShellPrefs[K]): void
}

/**
 * electron-store 12 is ESM-only and the main bundle is CommonJS, so it is loaded with a dynamic
 * import. It writes `ui-prefs.json` in userData (which is also the data home by default).
 */
export async function openPrefsStore(): Promise<PrefsStore> {
  const { default: Store } = await import('electron-store')
  // Untyped underneath: the generic overloads of conf do not accept a generic key.
  const store = new Store<Record<string, unknown>>({ name: 'ui-prefs', clearInvalidConfig: true })
  return {
    get: (key) => store.get(key) as ShellPrefs[typeof key],
    set: (key, value) => {
      if (value === undefined) store.delete(key)
      else store.set(key, value)
    },
  }
}
