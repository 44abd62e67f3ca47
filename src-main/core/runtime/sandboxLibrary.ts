import type { SandboxManager as Manager } from '@anthropic-ai/sandbox-runtime'

export interface SandboxLibrary {
  SandboxManager: typeof Manager
  /** The seccomp helper the Linux sandbox runs its command through (null where there is none). */
  getApplySeccompBinaryPath: () => string | null | undefined
}

let loading: Promise<SandboxLibrary> | null = null

/**
 * @anthropic-ai/sandbox-runtime, loaded at the first sandboxed start. With its proxy's TLS code it is
 * several MiB of heap a process that never sandboxes anything (a `serve` whose skills are all idle, most
 * CLI commands) would carry for nothing.
 */
export function sandboxLibrary(): Promise<SandboxLibrary> {
  loading ??= Promise.all([
    import('@anthropic-ai/sandbox-runtime'),
    import('@anthropic-ai/sandbox-runtime/dist/sandbox/generate-seccomp-filter.js'),
  ]).then(([main, seccomp]) => ({
    SandboxManager: main.SandboxManager,
    getApplySeccompBinaryPath: seccomp.getApplySeccompBinaryPath,
  }))
  return loading
}
