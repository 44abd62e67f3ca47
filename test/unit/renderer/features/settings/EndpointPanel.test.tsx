import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ClientInfo } from '../../../../../src-main/contract'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(() => {
  cleanupApp()
  vi.unstubAllGlobals()
})

const TOKEN = 'sdk_unit-token-abcdefghijklmnopqrstuvwxyz0123456789'

function endpointHandlers(): FakeHandlers {
  const clients: ClientInfo[] = []
  return {
    'mcp.endpoint': () => ({ url: 'http://127.0.0.1:7545/mcp', running: true, port: 7545 }),
    'clients.list': () => [...clients],
    'clients.add': ({ name, mode }) => {
      clients.push({ name, mode: mode ?? 'catalog', createdAt: '2026-01-01T00:00:00.000Z', lastUsedAt: null })
      return { name, mode: mode ?? 'catalog', token: TOKEN }
    },
    'clients.remove': ({ name }) => {
      clients.splice(
        clients.findIndex((client) => client.name === name),
        1,
      )
      return { removed: name }
    },
    'mcp.config': ({ client }) => ({
      client,
      format: 'json',
      target: '~/.cursor/mcp.json',
      text: '{ "mcpServers": { "skilldock": { "url": "http://127.0.0.1:7545/mcp" } } }',
    }),
  }
}

describe('MCP endpoint settings', () => {
  it('shows the URL and status, and a new client’s token once, until dismissed', async () => {
    const { api } = renderAppAt('#/settings', endpointHandlers())
    const panel = await screen.findByTestId('settings-endpoint')
    expect((await within(panel).findByTestId('endpoint-url')).textContent).toBe('http://127.0.0.1:7545/mcp')
    expect(within(panel).getByTestId('endpoint-status').textContent).toContain('listening')

    fireEvent.change(within(panel).getByTestId('endpoint-client-name'), { target: { value: ' my-agent ' } })
    fireEvent.click(within(panel).getByTestId('endpoint-client-create'))
    expect((await within(panel).findByTestId('endpoint-token-value')).textContent).toBe(TOKEN)
    expect(api.callsTo('clients.add')).toEqual([{ name: 'my-agent', mode: 'catalog' }])
    await within(panel).findByText('my-agent')

    fireEvent.click(within(panel).getByRole('button', { name: 'Done' }))
    expect(within(panel).queryByTestId('endpoint-token')).toBeNull()
    expect(document.body.innerHTML).not.toContain(TOKEN)
    // Reloading the panel never brings the token back.
    expect(api.calls.some((call) => JSON.stringify(call).includes('token'))).toBe(false)
  })

  it('revokes a client after confirmation and fetches a snippet only when asked', async () => {
    const confirm = vi.fn(() => true)
    vi.stubGlobal('confirm', confirm)
    const { api } = renderAppAt('#/settings', endpointHandlers())
    const panel = await screen.findByTestId('settings-endpoint')
    fireEvent.change(await within(panel).findByTestId('endpoint-client-name'), { target: { value: 'old' } })
    fireEvent.click(within(panel).getByTestId('endpoint-client-create'))
    const row = await within(panel).findByTestId('endpoint-client')
    fireEvent.click(within(row).getByRole('button', { name: /Revoke/ }))
    await waitFor(() => expect(within(panel).queryByTestId('endpoint-client')).toBeNull())
    expect(confirm).toHaveBeenCalledWith('Revoke old? Its token stops working at once.')
    expect(api.callsTo('clients.remove')).toEqual([{ name: 'old' }])

    expect(api.callsTo('mcp.config')).toEqual([])
    fireEvent.click(within(panel).getByTestId('snippet-cursor'))
    expect((await within(panel).findByTestId('snippet-text')).textContent).toContain('mcpServers')
    expect(api.callsTo('mcp.config')).toEqual([{ client: 'cursor', withToken: false }])
  })
})
