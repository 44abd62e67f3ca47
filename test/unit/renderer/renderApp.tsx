import { cleanup, render } from '@testing-library/react'
import { App } from '../../../src-renderer/App'
import {
  createAppStores,
  disposeAppStores,
  StoresProvider,
  type AppStores,
} from '../../../src-renderer/stores/context'
import { createFakeApi, type FakeApi, type FakeHandlers } from './fakeApi'

let stores: AppStores | null = null

/** Renders the whole app at the current URL over a fake api client. */
export function renderApp(handlers: FakeHandlers): { api: FakeApi; stores: AppStores } {
  const api = createFakeApi(handlers)
  stores = createAppStores(api)
  render(
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>,
  )
  return { api, stores }
}

/** Renders the whole app at `hash` over a fake api client. */
export function renderAppAt(hash: string, handlers: FakeHandlers): { api: FakeApi; stores: AppStores } {
  window.history.replaceState(null, '', `/${hash}`)
  return renderApp(handlers)
}

/** For afterEach: unmounts and stops the stores' event subscriptions. */
export function cleanupApp(): void {
  cleanup()
  if (stores) disposeAppStores(stores)
  stores = null
}
