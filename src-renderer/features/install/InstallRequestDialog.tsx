import { Download } from 'lucide-react'
import { useEffect, useMemo, useState } from 'react'
import { createApiClient, createDesktopApi, type SkillDockBridge } from '../../api/client'
import { InlineError } from '../../components/InlineError'
import { messageOf } from '../../stores/errors'
import {
  addedNames,
  asInstallRequest,
  describeInstall,
  installCall,
  type InstallRequest,
} from './installRequest'

type Phase =
  | { kind: 'confirm' }
  | { kind: 'installing' }
  | { kind: 'done'; names: string[] }
  | { kind: 'error'; message: string }

/**
 * Shows `skilldock://install?source=…` links one at a time: the exact source and what will happen,
 * and installs only when the user confirms. Desktop only (the links arrive through the preload).
 */
export function InstallRequestDialog({ bridge }: { bridge: SkillDockBridge }) {
  const [queue, setQueue] = useState<InstallRequest[]>([])
  const [phase, setPhase] = useState<Phase>({ kind: 'confirm' })
  // Typed over the bridge: the shell's routes and events for the links, the core's to install.
  const desktop = useMemo(() => createDesktopApi(bridge), [bridge])
  const api = useMemo(() => createApiClient({ bridge }), [bridge])

  useEffect(() => {
    const push = (value: unknown): void => {
      const request = asInstallRequest(value)
      if (request) setQueue((q) => [...q, request])
    }
    const off = desktop.on('desktop.installRequest', push)
    // Links that arrived before the window listened (e.g. the one the app was launched with).
    desktop.invoke('desktop.takeInstallRequests', {}).then(
      (requests) => requests.forEach(push),
      () => {}, // No shell answer: links still arrive as events.
    )
    return off
  }, [desktop])

  const request = queue[0]
  if (!request) return null

  const close = (): void => {
    setQueue((q) => q.slice(1))
    setPhase({ kind: 'confirm' })
  }
  const confirm = async (): Promise<void> => {
    setPhase({ kind: 'installing' })
    const call = installCall(request)
    try {
      const output = await api.invoke(call.route, call.input)
      setPhase({ kind: 'done', names: addedNames(output) })
    } catch (error) {
      setPhase({ kind: 'error', message: messageOf(error) })
    }
  }

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center bg-black/40">
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby="install-request-title"
        data-testid="install-request-dialog"
        className="w-[32rem] max-w-[90vw] rounded-lg border border-line bg-panel p-4 shadow-lg"
      >
        <h2 id="install-request-title" className="mb-2 flex items-center gap-2 text-base font-semibold">
          <Download size={16} aria-hidden /> Install skills from a link?
        </h2>
        <p className="mb-1 text-sm">
          A link asked SkillDock to install from this {request.sourceKind === 'path' ? 'folder' : 'source'}:
        </p>
        <pre
          data-testid="install-request-source"
          className="mb-3 overflow-x-auto rounded bg-app p-2 text-xs break-all whitespace-pre-wrap"
        >
          {request.source}
        </pre>
        <p className="mb-3 text-sm text-muted">{describeInstall(request)}</p>
        {phase.kind === 'error' && <InlineError>{phase.message}</InlineError>}
        {phase.kind === 'done' && (
          <p role="status" className="mb-2 text-sm">
            {phase.names.length > 0
              ? `Added ${phase.names.join(', ')}. Review it in the approval inbox.`
              : 'Nothing new was added.'}
          </p>
        )}
        <div className="mt-3 flex justify-end gap-2">
          {phase.kind === 'done' || phase.kind === 'error' ? (
            <button type="button" className="rounded border border-line px-3 py-1 text-sm" onClick={close}>
              Close
            </button>
          ) : (
            <>
              <button
                type="button"
                className="rounded border border-line px-3 py-1 text-sm"
                onClick={close}
                disabled={phase.kind === 'installing'}
              >
                Cancel
              </button>
              <button
                type="button"
                data-testid="install-request-confirm"
                className="rounded bg-accent px-3 py-1 text-sm text-white disabled:opacity-50"
                onClick={() => void confirm()}
                disabled={phase.kind === 'installing'}
              >
                {phase.kind === 'installing' ? 'Installing…' : 'Install'}
              </button>
            </>
          )}
        </div>
      </div>
    </div>
  )
}
