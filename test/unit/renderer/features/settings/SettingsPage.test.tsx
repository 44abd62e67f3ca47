import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { LlmConfig } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { type FakeHandlers, offlineLlm } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

function llmHandlers(overrides: FakeHandlers = {}): FakeHandlers {
  let llm: LlmConfig = { ...offlineLlm }
  let key: string | null = null
  return {
    'llm.get': () => ({ ...llm, keySet: key !== null }),
    'llm.set': (change) => (llm = { ...llm, ...change, keySet: key !== null }),
    'llm.setKey': (input) => {
      key = input.key
      return { stored: true }
    },
    'llm.test': () => ({ provider: 'openai-compatible', reply: 'OK', tokens: 3, latencyMs: 120.4 }),
    // The page's other panels (credentials, endpoint, paths) load quietly.
    'skills.list': () => [],
    'mcp.endpoint': () => ({ url: 'http://127.0.0.1:7545/mcp', running: false, port: null }),
    'clients.list': () => [],
    'app.info': () => ({ version: '0.1.0', home: '/home/me/SkillDock', skillCount: 0 }),
    'app.paths': () => ({
      home: '/home/me/SkillDock',
      library: '/home/me/SkillDock/skills',
      drafts: '/home/me/SkillDock/drafts',
      sources: '/home/me/SkillDock/sources',
      logs: '/home/me/SkillDock/logs',
      database: '/home/me/SkillDock/skilldock.db',
      settings: '/home/me/SkillDock/settings.json',
    }),
    ...overrides,
  }
}

const SECRET = 'sk-unit-secret-123456'

describe('settings screen', () => {
  it('saves the provider, base URL and model', async () => {
    const { api } = renderAppAt('#/settings', llmHandlers())
    fireEvent.change(await screen.findByTestId('llm-provider'), { target: { value: 'openai-compatible' } })
    fireEvent.change(screen.getByTestId('llm-base-url'), { target: { value: 'http://localhost:8080/v1' } })
    fireEvent.change(screen.getByTestId('llm-model'), { target: { value: 'qwen' } })
    fireEvent.click(screen.getByTestId('llm-save'))
    await screen.findByText('Saved.')
    expect(api.callsTo('llm.set')).toEqual([
      {
        provider: 'openai-compatible',
        baseUrl: 'http://localhost:8080/v1',
        model: 'qwen',
        maxTokensPerGeneration: 60000,
        dailyTokenBudget: 500000,
      },
    ])
    fireEvent.click(screen.getByTestId('llm-test'))
    expect((await screen.findByTestId('llm-test-result')).textContent).toContain('answered in 120 ms')
  })

  it('sends the key once from a password field and leaves no trace of it in the DOM', async () => {
    const { api, stores } = renderAppAt('#/settings', llmHandlers())
    const field = (await screen.findByTestId('llm-key')) as HTMLInputElement
    expect(field.type).toBe('password')
    fireEvent.change(field, { target: { value: SECRET } })
    fireEvent.click(screen.getByTestId('llm-key-save'))
    await waitFor(() =>
      expect(screen.getByTestId('llm-key-status').textContent).toBe('key stored in the keychain'),
    )

    expect(api.callsTo('llm.setKey')).toEqual([{ key: SECRET }])
    const fresh = screen.getByTestId('llm-key') as HTMLInputElement
    expect(fresh.value).toBe('')
    expect(document.documentElement.outerHTML).not.toContain(SECRET)
    for (const input of Array.from(document.querySelectorAll('input')))
      expect(input.value).not.toContain(SECRET)
    expect(JSON.stringify(stores.settings.getState())).not.toContain(SECRET)
  })

  it('keeps the field for a retry and shows the keychain error when storing fails', async () => {
    renderAppAt(
      '#/settings',
      llmHandlers({
        'llm.setKey': () => {
          throw new BridgeError({ code: 'SECRET_STORE_UNAVAILABLE', message: 'The OS keychain is locked.' })
        },
      }),
    )
    fireEvent.change(await screen.findByTestId('llm-key'), { target: { value: SECRET } })
    fireEvent.click(screen.getByTestId('llm-key-save'))
    expect((await screen.findByRole('alert')).textContent).toBe('The OS keychain is locked.')
    expect(screen.getByTestId('llm-key-status').textContent).toBe('no key')
    expect(document.documentElement.outerHTML).not.toContain(SECRET)
  })
})
