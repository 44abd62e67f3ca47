import { join } from 'node:path'

/**
 * Runs the core's dispose but gives up after `ms`: a hung skill server must not keep the app from
 * quitting (the supervisor already escalates to SIGKILL; this is the last guard).
 */
export async function disposeWithin(
  dispose: () => Promise<void>,
  ms: number,
): Promise<'disposed' | 'timeout' | 'failed'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms)
  })
  try {
    return await Promise.race([
      dispose().then(
        () => 'disposed' as const,
        () => 'failed' as const,
      ),
      timeout,
    ])
  } finally {
    clearTimeout(timer)
  }
}

export interface AppLocations {
  /** Holds `skills/` (bundled skills). */
  appRoot: string
  /** The `resources/` folder (python kit, analyzer, icons). */
  resourcesDir: string
  /** The built renderer served over app:// */
  rendererDir: string
}

/**
 * Where the core finds its bundled files. Packaged, `skills/` and `resources/` are extraResources
 * next to app.asar (process.resourcesPath), so Python can read them from a real folder.
 */
export function appLocations(opts: {
  isPackaged: boolean
  appPath: string
  resourcesPath: string
  mainDir: string
}): AppLocations {
  const rendererDir = join(opts.mainDir, '..', 'renderer')
  if (opts.isPackaged) {
    return { appRoot: opts.resourcesPath, resourcesDir: join(opts.resourcesPath, 'resources'), rendererDir }
  }
  return { appRoot: opts.appPath, resourcesDir: join(opts.appPath, 'resources'), rendererDir }
}

export interface Bounds {
  x: number
  y: number
  width: number
  height: number
}

/**
 * The saved window bounds if they are sane and still at least partly on a display (monitors change
 * between runs), else null so the window opens centred at its default size.
 */
export function restorableBounds(saved: unknown, workAreas: readonly Bounds[]): Bounds | null {
  if (!saved || typeof saved !== 'object') return null
  const b = saved as Partial<Record<keyof Bounds, unknown>>
  const nums = [b.x, b.y, b.width, b.height]
  if (!nums.every((n) => typeof n === 'number' && Number.isFinite(n))) return null
  const bounds = saved as Bounds
  if (bounds.width < 400 || bounds.height < 300) return null
  const visible = workAreas.some(
    (a) =>
      bounds.x < a.x + a.width - 50 &&
      bounds.x + bounds.width > a.x + 50 &&
      bounds.y >= a.y - 10 &&
      bounds.y < a.y + a.height - 50,
  )
  return visible ? { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height } : null
}
