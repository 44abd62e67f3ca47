import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Governance, LlmConfig } from '../../../../../src-main/contract'
import type { FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** The Approvals screen's governance panel, with the review switches and the model settings answered. */
function handlers(provider: LlmConfig['provider']): FakeHandlers {
  let review = { llmReview: false, reviewFailOpen: false }
  const governance: Governance = {
    mode: 'semi_auto',
    defaultTrust: 'sandboxed',
    gapDetection: true,
    selfGeneration: true,
    updatedAt: '2030-01-01T00:00:00.000Z',
  }
  return {
    'approvals.list': () => [],
    'calls.list': () => [],
    'governance.get': () => governance,
    'scan.settings': (change) => (review = { ...review, ...change }),
    'llm.get': () => ({
      provider,
      baseUrl: null,
      model: provider === 'none' ? null : 'some-model',
      maxTokensPerGeneration: 60000,
      dailyTokenBudget: 500000,
      keySet: provider !== 'none',
      usedToday: 0,
    }),
  }
}

describe('the LLM review switch without a model', () => {
  it('warns that every review fails and what follows, and links to Settings', async () => {
    renderAppAt('#/approvals', handlers('none'))
    const review = await screen.findByTestId('governance-llmReview')
    expect(screen.queryByTestId('governance-review-no-model')).toBeNull()

    fireEvent.click(review)
    const warning = await screen.findByTestId('governance-review-no-model')
    expect(warning.textContent).toContain('No model provider is configured')
    expect(warning.textContent).toContain('every new or changed skill waits for you')
    expect(warning.querySelector('a')?.getAttribute('href')).toBe('#/settings')

    fireEvent.click(screen.getByTestId('governance-reviewFailOpen'))
    await waitFor(() => expect(warning.textContent).toContain('the static scan alone decides'))
  })

  it('says nothing when a provider is configured', async () => {
    renderAppAt('#/approvals', handlers('anthropic'))
    fireEvent.click(await screen.findByTestId('governance-llmReview'))
    await waitFor(() => expect(screen.getByTestId('governance-llmReview')).toHaveProperty('checked', true))
    expect(screen.queryByTestId('governance-review-no-model')).toBeNull()
  })
})
