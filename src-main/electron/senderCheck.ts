/** The parts of an IPC event the sender check reads (Electron's IpcMainInvokeEvent has them). */
export interface IpcSenderLike {
  sender: unknown
  senderFrame: { url: string; parent: unknown } | null
}

/**
 * True when an IPC message comes from the main frame of our window, showing a page of an allowed
 * origin (app://skilldock, or the dev server in `npm run dev`). Subframes, other windows, frames
 * that navigated away and destroyed frames (null) are refused.
 */
export function isTrustedSender(
  event: IpcSenderLike,
  ourWebContents: unknown,
  allowedOrigins: readonly string[],
): boolean {
  if (event.sender !== ourWebContents) return false
  const frame = event.senderFrame
  if (!frame || frame.parent !== null) return false
  let origin: string
  try {
    const url = new URL(frame.url)
    // URL#origin is "null" for non-special schemes like app:; rebuild it from protocol and host.
    origin = `${url.protocol}//${url.host}`
  } catch {
    return false
  }
  return allowedOrigins.includes(origin)
}

/** The origins the renderer may run from: the app scheme, plus the dev server's when set. */
export function allowedRendererOrigins(appOrigin: string, devServerUrl: string | undefined): string[] {
  if (!devServerUrl) return [appOrigin]
  try {
    const url = new URL(devServerUrl)
    return [appOrigin, `${url.protocol}//${url.host}`]
  } catch {
    return [appOrigin]
  }
}
