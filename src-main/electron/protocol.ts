import { protocol, session } from 'electron'
import { APP_SCHEME, createAppProtocolHandler } from './appProtocol'

/** Must run before `app.whenReady()`: app:// behaves like https (standard, secure origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
    },
  ])
}

/** Serves the built renderer over app:// and denies every permission request and check. */
export function secureDefaultSession(rendererDir: string): void {
  const ses = session.defaultSession
  ses.protocol.handle(APP_SCHEME, createAppProtocolHandler(rendererDir))
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  ses.setPermissionCheckHandler(() => false)
  ses.setDevicePermissionHandler(() => false)
}
