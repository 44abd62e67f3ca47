import { act, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { LlmBudget, LlmConfig } from '../../../../../src-main/contract'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const llm: LlmConfig = {
  provider: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:11434/v1',
  model: 'llama',
  maxTokensPerGeneration: 60000,
  dailyTokenBudget: 500000,
  keySet: true,
  usedToday: 1200,
}

function page(budget: () => LlmBudget) {
  return renderAppAt('#/generator', {
    'llm.get': () => llm,
    'llm.budget': budget,
    'gaps.list': () => [],
  })
}

describe('the generator page shows the model budgets', () => {
  it('per request, daily and monthly, with what has been spent', async () => {
    page(() => ({
      perRequest: 60000,
      daily: 500000,
      monthly: 10000000,
      usedToday: 1200,
      usedThisMonth: 48000,
      last: { tokens: 420, at: '2026-05-01T10:00:00.000Z', purpose: 'routing request' },
    }))
    const request = await screen.findByTestId('budget-request')
    expect(request.textContent).toContain('limit 60,000 tokens')
    expect(request.textContent).toContain('last: 420 (routing request')
    expect(screen.getByTestId('budget-daily').textContent).toContain('1,200 of 500,000 tokens')
    expect(screen.getByTestId('budget-monthly').textContent).toContain('48,000 of 10,000,000 tokens')
    expect(
      within(screen.getByTestId('budget-daily')).getByRole('progressbar').getAttribute('aria-valuenow'),
    ).toBe('1200')
  })

  it('says when a budget is spent, and refreshes after a generation', async () => {
    let used = 0
    const { api } = page(() => ({
      perRequest: 60000,
      daily: 1000,
      monthly: 10000000,
      usedToday: used,
      usedThisMonth: used,
      last: used > 0 ? { tokens: used, at: '2026-05-01T10:00:00.000Z', purpose: 'generation' } : null,
    }))
    expect((await screen.findByTestId('budget-request')).textContent).toContain('no model request yet')
    expect(screen.getByTestId('budget-daily').textContent).not.toContain('spent')
    used = 1000
    act(() => api.emit('generator.progress', { runId: 'r', stage: 'done', message: 'done' }))
    await screen.findByText(/1,000 of 1,000 tokens — spent/)
    expect(api.callsTo('llm.budget').length).toBe(2)
  })
})
