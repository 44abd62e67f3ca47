import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ToolInfo } from '../../../../../src-main/contract'
import { BridgeError } from '../../../../../src-renderer/api/client'
import { makeDetail, makeStoppedStatus, makeSummary, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const tidy = makeSummary({ name: 'tidy-notes', hasServer: true, state: 'active', trust: 'sandboxed' })
const tools: ToolInfo[] = [
  {
    name: 'tidy',
    description: 'Trim trailing spaces.',
    inputSchema: { type: 'object', properties: { text: { type: 'string' } }, required: ['text'] },
  },
  {
    name: 'stats',
    description: 'Counts things.',
    inputSchema: { type: 'object', properties: { strict: { type: 'boolean' } } },
  },
]
const stopped = makeStoppedStatus('tidy-notes')

function runnerHandlers(extra: FakeHandlers = {}): FakeHandlers {
  return {
    'skills.list': () => [tidy],
    'skills.get': () => makeDetail(tidy),
    'approvals.list': () => [],
    'runtime.status': () => [stopped],
    'runtime.logs': () => ({ stderr: ['booted'], audit: [] }),
    'runtime.tools': () => tools,
    'runtime.start': () => ({ ...stopped, state: 'running', pid: 4242 }),
    'runtime.stop': () => stopped,
    'runtime.call': ({ tool, arguments: args }) => {
      if (tool === 'stats') {
        return {
          content: [{ type: 'text', text: '{"words":2}' }],
          structuredContent: { words: 2, strict: args?.strict },
        }
      }
      const text = String(args?.text ?? '')
      if (text === 'boom')
        return { content: [{ type: 'text', text: 'Error: text must not explode' }], isError: true }
      if (text === 'slow')
        throw new BridgeError({ code: 'SKILL_TIMEOUT', message: 'tidy-notes did not answer in 30 s.' })
      return { content: [{ type: 'text', text: text.trim() + '\n' }] }
    },
    'skills.test': () => ({
      skill: 'tidy-notes',
      passed: false,
      checks: [
        { id: 'manifest', label: 'SKILL.md is valid', status: 'pass', detail: '' },
        { id: 'handshake', label: 'Server answers', status: 'fail', detail: 'timed out after 10 s' },
        { id: 'examples', label: 'Examples', status: 'skip', detail: 'no examples declared' },
      ],
    }),
    ...extra,
  }
}

async function openRunner(extra: FakeHandlers = {}) {
  const rendered = renderAppAt('#/skills/tidy-notes/run', runnerHandlers(extra))
  const runner = await screen.findByTestId('runner')
  await waitFor(() => expect(within(runner).queryByTestId('runner-tool-select')).not.toBeNull())
  return { ...rendered, runner }
}

const callWith = (runner: HTMLElement, text: string): void => {
  fireEvent.change(within(runner).getByLabelText(/^text/), { target: { value: text } })
  fireEvent.click(within(runner).getByTestId('runner-call'))
}

describe('test runner', () => {
  it('is a tab of skills with a server only', async () => {
    renderAppAt('#/skills/plain/run', {
      'skills.list': () => [],
      'skills.get': () => makeDetail(makeSummary({ name: 'plain' })),
      'approvals.list': () => [],
    })
    const detail = await screen.findByTestId('skill-detail')
    expect(within(detail).queryByRole('tab')).toBeNull()
    expect(within(detail).queryByTestId('runner')).toBeNull()
    expect(within(detail).getByTestId('skill-instructions')).toBeTruthy()
  })

  it('shows the server status and log live, and starts and stops it', async () => {
    const { api, runner } = await openRunner()
    const status = within(runner).getByTestId('runner-status')
    await waitFor(() => expect(status.getAttribute('data-state')).toBe('stopped'))
    await waitFor(() => expect(within(runner).getByTestId('runner-log').textContent).toBe('booted'))

    fireEvent.click(within(runner).getByTestId('runner-start'))
    await waitFor(() => expect(status.getAttribute('data-state')).toBe('running'))
    expect(status.textContent).toContain('pid 4242')
    expect(within(runner).queryByTestId('runner-processes')).toBeNull()
    expect(api.callsTo('runtime.start')).toEqual([{ name: 'tidy-notes' }])

    // A skill with a process pool (metadata.skilldock.processes) says how many run.
    act(() => api.emit('runtime.status', { ...stopped, state: 'running', pid: 4242, processes: 2 }))
    expect(within(runner).getByTestId('runner-processes').textContent).toBe('2 processes')
    act(() => api.emit('runtime.log', { skill: 'tidy-notes', line: 'listening on stdio' }))
    act(() => api.emit('runtime.log', { skill: 'other-skill', line: 'not mine' }))
    expect(within(runner).getByTestId('runner-log').textContent).toBe('booted\nlistening on stdio')

    act(() =>
      api.emit('runtime.status', { ...stopped, state: 'backoff', recentCrashes: 2, lastError: 'exit 1' }),
    )
    expect(status.getAttribute('data-state')).toBe('backoff')
    expect(status.textContent).toContain('2 recent crashes')
    expect(status.textContent).toContain('exit 1')
  })

  it('calls a tool from the generated form and shows text and the duration', async () => {
    const { api, runner } = await openRunner()
    callWith(runner, '  hello  ')
    const result = await within(runner).findByTestId('runner-result')
    expect(result.getAttribute('data-outcome')).toBe('ok')
    expect(within(result).getByTestId('runner-text').textContent).toBe('hello\n')
    expect(within(result).getByTestId('runner-duration').textContent).toMatch(/^\d+ ms$/)
    expect(api.callsTo('runtime.call')).toEqual([
      { name: 'tidy-notes', tool: 'tidy', arguments: { text: '  hello  ' } },
    ])
  })

  it('shows structured content as pretty JSON', async () => {
    const { runner } = await openRunner()
    fireEvent.change(within(runner).getByTestId('runner-tool-select'), { target: { value: 'stats' } })
    fireEvent.click(within(runner).getByLabelText('strict'))
    fireEvent.click(within(runner).getByTestId('runner-call'))
    const structured = await within(runner).findByTestId('runner-structured')
    expect(structured.textContent).toBe(JSON.stringify({ words: 2, strict: true }, null, 2))
  })

  it('styles a tool error and a route error as errors, with the code and message', async () => {
    const { runner } = await openRunner()
    callWith(runner, 'boom')
    await waitFor(() =>
      expect(within(runner).getByTestId('runner-result').getAttribute('data-outcome')).toBe('tool-error'),
    )
    expect(within(runner).getByTestId('runner-result').textContent).toContain('returned an error')
    expect(within(runner).getByTestId('runner-text').textContent).toBe('Error: text must not explode')

    callWith(runner, 'slow')
    await waitFor(() =>
      expect(within(runner).getByTestId('runner-result').getAttribute('data-outcome')).toBe('route-error'),
    )
    const alert = within(within(runner).getByTestId('runner-result')).getByRole('alert')
    expect(alert.textContent).toBe('SKILL_TIMEOUTtidy-notes did not answer in 30 s.')
  })

  it('keeps a history of calls that can be shown again and replayed', async () => {
    const { api, runner } = await openRunner()
    callWith(runner, 'first ')
    await waitFor(() => expect(within(runner).getAllByTestId('runner-history-item')).toHaveLength(1))
    callWith(runner, 'boom')
    await waitFor(() => expect(within(runner).getAllByTestId('runner-history-item')).toHaveLength(2))

    const items = within(runner).getAllByTestId('runner-history-item')
    fireEvent.click(within(items[1]!).getByRole('button', { name: /tidy/ }))
    expect(within(runner).getByTestId('runner-text').textContent).toBe('first\n')

    fireEvent.click(within(items[1]!).getByTestId('runner-replay'))
    await waitFor(() => expect(within(runner).getAllByTestId('runner-history-item')).toHaveLength(3))
    expect(api.callsTo('runtime.call').map((call) => call.arguments)).toEqual([
      { text: 'first ' },
      { text: 'boom' },
      { text: 'first ' },
    ])
  })

  it('runs the skill’s tests and lists each check', async () => {
    const { runner } = await openRunner()
    fireEvent.click(within(runner).getByTestId('run-tests'))
    await waitFor(() => expect(within(runner).getAllByTestId('test-check')).toHaveLength(3))
    const checks = within(runner).getAllByTestId('test-check')
    expect(checks.map((check) => check.getAttribute('data-status'))).toEqual(['pass', 'fail', 'skip'])
    expect(checks[1]?.textContent).toContain('timed out after 10 s')
    expect(within(runner).getByTestId('test-outcome').textContent).toBe('failed')
  })
})
