// Electron entry: wiring only.
import { startDesktop } from './electron/desktop'

startDesktop()
