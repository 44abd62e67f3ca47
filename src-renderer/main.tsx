import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { createApiClient } from './api/client'
import { App } from './App'
import { createAppStores, StoresProvider } from './stores/context'
import './styles.css'

// The client is built before the first render: in serve mode it takes the token out of the URL,
// which must happen before the router reads the hash.
const api = createApiClient({ bridge: window.skilldock })
const stores = createAppStores(api)

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element.')

createRoot(root).render(
  <StrictMode>
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>
  </StrictMode>,
)
