import { createStore, type StoreApi } from 'zustand/vanilla'
import type {
  ClientInfo,
  ClientMode,
  McpClientConfig,
  McpClientKind,
  RouteOutput,
} from '../../src-main/contract'
import type { ApiClient } from '../api/client'
import { messageOf } from './errors'

export type EndpointApi = Pick<ApiClient, 'invoke'>

/** A client just created: its token, which the core returns this one time only. */
export interface CreatedClient {
  name: string
  mode: ClientMode
  token: string
  /** The MCP client whose configuration the token was made for, when it was. */
  kind?: McpClientKind
}

export interface EndpointState {
  endpoint: RouteOutput<'mcp.endpoint'> | null
  clients: ClientInfo[]
  loaded: boolean
  error: string | null
  creating: boolean
  createError: string | null
  /** Shown until dismissed; never reloaded from the core (it only keeps the token's hash). */
  created: CreatedClient | null
  removing: string | null
  /** Configuration snippets fetched so far, by client kind, with a `<token>` placeholder. */
  configs: Partial<Record<McpClientKind, McpClientConfig>>
  /** The configuration holding the token just made for a client kind (until dismissed). */
  tokenConfig: McpClientConfig | null
  configError: string | null

  load(): Promise<void>
  create(name: string, mode: ClientMode): Promise<boolean>
  dismissCreated(): void
  remove(name: string): Promise<void>
  /** Fetches a configuration without creating a client or a token. */
  loadConfig(kind: McpClientKind): Promise<void>
  /** Creates (or fetches) the token of the client of that kind and shows it once in its configuration. */
  createTokenFor(kind: McpClientKind): Promise<void>
}

/** Settings → MCP endpoint: where clients connect, the clients and their one-time tokens, config snippets. */
export function createEndpointStore(api: EndpointApi): StoreApi<EndpointState> {
  return createStore<EndpointState>()((set, get) => {
    const reloadClients = async (): Promise<void> => {
      set({ clients: await api.invoke('clients.list', {}) })
    }

    return {
      endpoint: null,
      clients: [],
      loaded: false,
      error: null,
      creating: false,
      createError: null,
      created: null,
      removing: null,
      configs: {},
      tokenConfig: null,
      configError: null,

      async load() {
        try {
          const [endpoint, clients] = await Promise.all([
            api.invoke('mcp.endpoint', {}),
            api.invoke('clients.list', {}),
          ])
          set({ endpoint, clients, loaded: true, error: null })
        } catch (error) {
          set({ loaded: true, error: messageOf(error) })
        }
      },

      async create(name, mode) {
        set({ creating: true, createError: null, created: null, tokenConfig: null })
        try {
          const created = await api.invoke('clients.add', { name: name.trim(), mode })
          set({ creating: false, created })
          await reloadClients().catch(() => undefined)
          return true
        } catch (error) {
          set({ creating: false, createError: messageOf(error) })
          return false
        }
      },

      dismissCreated() {
        set({ created: null, tokenConfig: null })
      },

      async remove(name) {
        set({ removing: name, error: null })
        try {
          await api.invoke('clients.remove', { name })
          const { created } = get()
          set({
            removing: null,
            clients: get().clients.filter((client) => client.name !== name),
            created: created?.name === name ? null : created,
            tokenConfig: created?.name === name ? null : get().tokenConfig,
          })
        } catch (error) {
          set({ removing: null, error: messageOf(error) })
        }
      },

      async loadConfig(kind) {
        set({ configError: null })
        try {
          const config = await api.invoke('mcp.config', { client: kind, withToken: false })
          set({ configs: { ...get().configs, [kind]: config } })
        } catch (error) {
          set({ configError: messageOf(error) })
        }
      },

      async createTokenFor(kind) {
        set({ configError: null, creating: true, created: null, tokenConfig: null })
        try {
          const config = await api.invoke('mcp.config', { client: kind, withToken: true })
          // The SkillDock client is named after the MCP client kind.
          const created = config.token
            ? { name: kind, mode: 'catalog' as const, token: config.token, kind }
            : null
          set({ creating: false, tokenConfig: config, created })
          await reloadClients().catch(() => undefined)
        } catch (error) {
          set({ creating: false, configError: messageOf(error) })
        }
      },
    }
  })
}
