import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { GenerationResult, LlmConfig } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import {
  makeApproval,
  makeDetail,
  makeFinding,
  makeSummary,
  offlineLlm,
  makeGenerationResult,
} from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const offline = offlineLlm

/** A generator that answers once `finish(result)` is called. */
function deferredGenerator(llm: LlmConfig = offline) {
  let finish: (result: Partial<GenerationResult>) => void = () => {}
  let fail: (error: Error) => void = () => {}
  const handlers = {
    'llm.get': () => llm,
    'generator.generate': ({ runId }: { runId?: string | undefined }) =>
      new Promise<GenerationResult>((resolve, reject) => {
        finish = (result) => resolve(makeGenerationResult({ runId: runId!, ...result }))
        fail = reject
      }),
    'generator.cancel': () => ({ cancelled: true }),
    'gaps.list': () => [],
  }
  return { handlers, finish: (r: Partial<GenerationResult>) => finish(r), fail: (e: Error) => fail(e) }
}

async function startGeneration(intent = 'Convert CSV text into a Markdown table') {
  fireEvent.change(await screen.findByTestId('generator-intent'), { target: { value: intent } })
  fireEvent.click(screen.getByTestId('generator-submit'))
}

describe('generator screen', () => {
  it('names the provider in use, or the offline template', async () => {
    renderAppAt('#/generator', deferredGenerator().handlers)
    await waitFor(() =>
      expect(screen.getByTestId('generator-provider').textContent).toContain('offline template'),
    )
    cleanupApp()
    renderAppAt(
      '#/generator',
      deferredGenerator({ ...offline, provider: 'anthropic', model: 'claude-x', keySet: true }).handlers,
    )
    await waitFor(() =>
      expect(screen.getByTestId('generator-provider').textContent).toContain('Anthropic · claude-x'),
    )
  })

  it('shows the stages of its own run live and links the proposal to its approval', async () => {
    const { handlers, finish } = deferredGenerator()
    const { api } = renderAppAt('#/generator', handlers)
    await startGeneration()
    await waitFor(() => expect(api.callsTo('generator.generate')).toHaveLength(1))
    const { runId, intent } = api.callsTo('generator.generate')[0]!
    expect(intent).toBe('Convert CSV text into a Markdown table')
    expect(runId).toBeTruthy()

    act(() =>
      api.emit('generator.progress', { runId: runId!, stage: 'searching', message: 'no close match' }),
    )
    act(() =>
      api.emit('generator.progress', { runId: 'someone-else', stage: 'scanning', message: 'other run' }),
    )
    act(() => api.emit('generator.progress', { runId: runId!, stage: 'validating', message: 'valid' }))
    const stage = (name: string) =>
      screen.getAllByTestId('generator-stage').find((el) => el.getAttribute('data-stage') === name)!
    expect(stage('searching').getAttribute('data-state')).toBe('done')
    expect(stage('checking').getAttribute('data-state')).toBe('done')
    expect(stage('validating').getAttribute('data-state')).toBe('active')
    expect(stage('scanning').getAttribute('data-state')).toBe('pending')
    expect(screen.getByTestId('generator-stages').textContent).not.toContain('other run')
    expect(screen.getByTestId('generator-cancel')).toBeTruthy()

    act(() => finish({}))
    const outcome = await screen.findByTestId('generator-outcome')
    expect(outcome.getAttribute('data-outcome')).toBe('proposed')
    expect(outcome.textContent).toContain('offline template')
    expect(screen.getByTestId('generator-approval-link').getAttribute('href')).toBe('#/approvals/ap-1')
    expect(screen.queryByTestId('generator-cancel')).toBeNull()
  })

  it('links an existing match to the skill and shows a failure with its reason and report', async () => {
    const first = deferredGenerator()
    renderAppAt('#/generator', first.handlers)
    await startGeneration()
    await waitFor(() => expect(screen.queryByTestId('generator-cancel')).toBeTruthy())
    act(() =>
      first.finish({
        outcome: 'existing',
        skill: 'csv-tools',
        approvalId: null,
        score: 0.91,
        template: false,
      }),
    )
    expect((await screen.findByTestId('generator-skill-link')).getAttribute('href')).toBe(
      '#/skills/csv-tools',
    )
    expect(screen.getByTestId('generator-outcome').textContent).toContain('91% match')

    act(() => fireEvent.click(screen.getByTestId('generator-submit')))
    await waitFor(() => expect(screen.queryByTestId('generator-cancel')).toBeTruthy())
    act(() =>
      first.finish({
        outcome: 'failed',
        approvalId: null,
        reason: 'The draft still failed its tests after 4 repair rounds.',
        test: {
          skill: 'csv-to-markdown',
          passed: false,
          checks: [{ id: 'handshake', label: 'MCP handshake', status: 'fail', detail: 'server exited' }],
        } as GenerationResult['test'],
      }),
    )
    expect((await screen.findByTestId('generator-reason')).textContent).toContain('after 4 repair rounds')
    expect(screen.getByTestId('generator-test-report').textContent).toContain(
      'MCP handshake: fail — server exited',
    )
  })

  it('cancels the running generation by its run id and shows errors verbatim', async () => {
    const { handlers, fail } = deferredGenerator()
    const { api } = renderAppAt('#/generator', handlers)
    await startGeneration()
    fireEvent.click(await screen.findByTestId('generator-cancel'))
    const runId = api.callsTo('generator.generate')[0]!.runId
    await waitFor(() => expect(api.callsTo('generator.cancel')).toEqual([{ runId }]))
    act(() => fail(new BridgeError({ code: 'CANCELLED', message: 'The generation was cancelled.' })))
    expect((await screen.findByRole('alert')).textContent).toBe('The generation was cancelled.')
    expect((screen.getByTestId('generator-submit') as HTMLButtonElement).disabled).toBe(false)
  })

  it('shows the proposal’s files, test report and scan report, and opens it in the editor', async () => {
    const { handlers, finish } = deferredGenerator()
    const { api } = renderAppAt('#/generator', {
      ...handlers,
      'skills.get': ({ name }) =>
        makeDetail(makeSummary({ name, state: 'pending' }), {
          files: [
            { path: 'SKILL.md', size: 412 },
            { path: 'skill.py', size: 2048 },
          ],
        }),
      'approvals.get': ({ id }) =>
        makeApproval({
          id,
          skill: 'slugify',
          risk: 'MEDIUM',
          findings: [makeFinding({ file: 'skill.py', line: 7, evidence: 'subprocess.run(cmd)' })],
        }),
    })
    await startGeneration('make URL slugs from titles')
    await waitFor(() => expect(screen.queryByTestId('generator-cancel')).toBeTruthy())
    act(() =>
      finish({
        skill: 'slugify',
        template: false,
        test: {
          skill: 'slugify',
          passed: true,
          checks: [{ id: 'examples', label: 'Examples', status: 'pass' }],
        } as GenerationResult['test'],
      }),
    )
    expect((await screen.findByTestId('generator-editor-link')).getAttribute('href')).toBe('#/editor/slugify')
    expect(screen.getByTestId('generator-test-report').textContent).toContain('Tests passed')
    expect(screen.getByTestId('generator-test-report').textContent).toContain('Examples: pass')
    const files = await screen.findByTestId('generator-files')
    expect(files.textContent).toContain('SKILL.md')
    expect(files.textContent).toContain('skill.py')
    const scan = await screen.findByTestId('generator-scan-report')
    expect(scan.textContent).toContain('MEDIUM')
    expect(scan.textContent).toContain('skill.py:7')
    expect(scan.textContent).toContain('subprocess.run(cmd)')
    expect(api.callsTo('approvals.get')).toEqual([{ id: 'ap-1' }])
  })
})
