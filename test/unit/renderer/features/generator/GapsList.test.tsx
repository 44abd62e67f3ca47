import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Gap, GenerationResult } from '../../../../../src-main/contract'
import { makeGenerationResult, offlineLlm } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const offline = offlineLlm

function gap(overrides: Partial<Gap> & { id: string; capability: string }): Gap {
  return {
    context: '',
    trigger: 'unknown tool call',
    requester: 'cursor',
    status: 'open',
    occurrences: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  }
}

describe('capability gaps on the generator screen', () => {
  it('lists gaps with their context as text, and generates from one', async () => {
    let gaps = [
      gap({
        id: 'g1',
        capability: 'convert HEIC photos to JPEG',
        context: 'I can’t convert <b>HEIC</b> images; no tool does that.',
        occurrences: 3,
      }),
      gap({ id: 'g2', capability: 'summarize a PDF', status: 'proposed' }),
    ]
    let finish: (result: GenerationResult) => void = () => {}
    const { api } = renderAppAt('#/generator', {
      'llm.get': () => offline,
      'gaps.list': () => gaps,
      'generator.generate': ({ runId }) =>
        new Promise<GenerationResult>((resolve) => {
          expect(runId).toBeTruthy()
          finish = resolve
        }),
    })
    const items = await screen.findAllByTestId('gap')
    expect(items).toHaveLength(2)
    expect(items[0]?.textContent).toContain('convert HEIC photos to JPEG')
    expect(items[0]?.textContent).toContain('3×')
    expect(items[0]?.textContent).toContain('I can’t convert <b>HEIC</b> images; no tool does that.')
    expect(items[0]?.querySelector('b')).toBeNull()
    // Only open gaps offer a generation.
    expect(within(items[1]!).queryByTestId('gap-generate')).toBeNull()

    fireEvent.click(within(items[0]!).getByTestId('gap-generate'))
    await waitFor(() => expect(api.callsTo('generator.generate')).toHaveLength(1))
    expect(api.callsTo('generator.generate')[0]).toMatchObject({ intent: 'convert HEIC photos to JPEG' })
    expect((within(items[0]!).getByTestId('gap-generate') as HTMLButtonElement).disabled).toBe(true)

    gaps = [{ ...gaps[0]!, status: 'proposed' }, gaps[1]!]
    finish(
      makeGenerationResult({
        runId: api.callsTo('generator.generate')[0]?.runId ?? '',
        skill: 'heic-to-jpeg',
        approvalId: 'a1',
      }),
    )
    await waitFor(() => expect(screen.queryAllByTestId('gap-generate')).toHaveLength(0))
  })

  it('says when no gap was recorded', async () => {
    renderAppAt('#/generator', { 'llm.get': () => offline, 'gaps.list': () => [] })
    expect((await screen.findByTestId('gaps-empty')).textContent).toBe('No gaps recorded.')
  })
})
