import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { CompositeInfo } from '../../../../../src-main/contract'
import { automationFake, makeJob } from '../../automationFake'
import { makeApproval } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

/** Picks a skill, waits for its tools, then picks a tool. */
async function pickTool(prefix: string, skill: string, tool: string) {
  fireEvent.change(screen.getByTestId(`${prefix}-skill`), { target: { value: skill } })
  await waitFor(() =>
    expect(within(screen.getByTestId(`${prefix}-tool`)).queryByRole('option', { name: tool })).toBeTruthy(),
  )
  fireEvent.change(screen.getByTestId(`${prefix}-tool`), { target: { value: tool } })
}

describe('the Automation screen', () => {
  it('shows a new webhook’s secret once, with copy, and removes it from the page when dismissed', async () => {
    const fake = automationFake()
    const { api } = renderAppAt('#/automation/webhooks', fake.handlers)
    await screen.findByText('No webhooks.')
    fireEvent.change(screen.getByTestId('webhook-id'), { target: { value: 'inbox' } })
    await pickTool('webhook', 'text-stats', 'top_words')
    fireEvent.click(screen.getByRole('button', { name: 'Add webhook' }))

    const shown = await screen.findByTestId('webhook-secret')
    expect(within(shown).getByTestId('webhook-secret-value').textContent).toBe('whsec-1-7f3a9c0d2b')
    expect(within(shown).getByRole('button', { name: 'Copy the secret' })).toBeTruthy()
    const row = await screen.findByTestId('webhook-row')
    expect(row.textContent).toContain('POST /hooks/inbox')
    expect(row.textContent).toContain('text-stats/top_words')
    expect(screen.getByTestId('webhook-curl').textContent).toContain('/hooks/inbox')
    expect(api.callsTo('webhooks.add')).toEqual([{ id: 'inbox', skill: 'text-stats', tool: 'top_words' }])

    fireEvent.click(within(shown).getByRole('button', { name: 'Done' }))
    await waitFor(() => expect(screen.queryByTestId('webhook-secret')).toBeNull())
    expect(document.body.innerHTML).not.toContain('whsec-1-7f3a9c0d2b')
    // Coming back to the tab does not bring it back either.
    fireEvent.click(screen.getByRole('tab', { name: 'Jobs' }))
    fireEvent.click(screen.getByRole('tab', { name: 'Webhooks' }))
    await screen.findByTestId('webhook-row')
    expect(document.body.innerHTML).not.toContain('whsec')
  })

  it('offers only callable skills and asks for the tool’s arguments with a form from its schema', async () => {
    const fake = automationFake()
    const { api } = renderAppAt('#/automation', fake.handlers)
    await screen.findByText('No schedules.')
    const offered = within(screen.getByTestId('schedule-skill'))
      .getAllByRole('option')
      .map((option) => option.getAttribute('value'))
    expect(offered).toEqual(['', 'text-stats', 'json-tools'])
    const add = screen.getByRole('button', { name: 'Add schedule' }) as HTMLButtonElement
    expect(add.disabled).toBe(true)
    await pickTool('schedule', 'text-stats', 'text_statistics')
    const text = (await screen.findByRole('textbox', { name: /text/ })) as HTMLInputElement
    expect(screen.queryByTestId('schedule-args')).toBeNull()

    fireEvent.change(text, { target: { value: 'Hi there.' } })
    await waitFor(() => expect(add.disabled).toBe(false))
    fireEvent.click(add)
    const row = await screen.findByTestId('schedule-row')
    expect(row.textContent).toContain('text-stats/text_statistics')
    expect(row.textContent).toContain('every 1h')
    expect(row.textContent).toContain('not run yet')
    expect(api.callsTo('schedules.add')).toEqual([
      { skill: 'text-stats', tool: 'text_statistics', arguments: { text: 'Hi there.' }, every: '1h' },
    ])
  })

  it('lists jobs with their state, attempts and last error as plain text, and refreshes on job events', async () => {
    const fake = automationFake()
    fake.jobs.push(
      makeJob({ id: 'j1', state: 'pending', attempts: 1, lastError: '<img src=x onerror=alert(1)>' }),
    )
    const { api } = renderAppAt('#/automation/jobs', fake.handlers)
    const row = await screen.findByTestId('job-row')
    expect(row.textContent).toContain('1/3')
    expect(within(row).getByText('<img src=x onerror=alert(1)>')).toBeTruthy()
    expect(row.querySelector('img')).toBeNull()

    Object.assign(fake.jobs[0]!, { state: 'succeeded', attempts: 2, lastError: null })
    api.emit('jobs.changed', { id: 'j1', state: 'succeeded' })
    await waitFor(() => expect(screen.getByTestId('job-row').textContent).toContain('2/3'))
    expect(screen.getByTestId('job-row').textContent).toContain('succeeded')
  })

  it('creates a composite from step lines with | groups, lists its steps and shows a dry-run plan', async () => {
    const fake = automationFake()
    const composites: CompositeInfo[] = []
    const plan = (steps: string[]) =>
      steps.map((line) =>
        line.split('|').map((step) => {
          const [skill = '', tool = ''] = step.split('/')
          return { skill, tool }
        }),
      )
    const { api } = renderAppAt('#/automation/compositions', {
      ...fake.handlers,
      'compose.list': () => composites.map((c) => ({ ...c })),
      'compose.create': ({ name, steps, description }) => {
        composites.push({ name, state: 'pending', description: description ?? '', plan: plan(steps) })
        return {
          name,
          plan: plan(steps),
          approval: makeApproval({ id: 'a-7', skill: name, kind: 'generated' }),
        }
      },
      'compose.run': ({ name }) => ({
        name,
        plan: composites.find((c) => c.name === name)!.plan,
        dryRun: true,
        steps: [],
        output: null,
        ok: true,
        next: null,
      }),
    })
    await screen.findByText('No composite skills.')
    const create = screen.getByRole('button', { name: 'Create and submit for approval' }) as HTMLButtonElement
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'doc-report' } })
    const steps = screen.getByLabelText(/Steps:/)
    fireEvent.change(steps, { target: { value: 'json-tools/json_format\ntext-stats' } })
    expect(screen.getByText('"text-stats" is not <skill>/<tool>.')).toBeTruthy()
    expect(create.disabled).toBe(true)
    fireEvent.change(steps, {
      target: { value: 'json-tools/json_format\n text-stats/text_statistics | text-stats/top_words ' },
    })
    fireEvent.click(create)

    const row = await screen.findByTestId('composite-row')
    expect(api.callsTo('compose.create')).toEqual([
      {
        name: 'doc-report',
        steps: ['json-tools/json_format', 'text-stats/text_statistics|text-stats/top_words'],
      },
    ])
    expect(screen.getByRole('link', { name: 'It waits for approval.' }).getAttribute('href')).toBe(
      '#/approvals/a-7',
    )
    expect(row.textContent).toContain('pending')
    expect(row.textContent).toContain('2.text-stats/text_statistics|text-stats/top_words')

    fireEvent.click(within(row).getByRole('button', { name: 'Dry run' }))
    const dry = await screen.findByTestId('composite-dry-run')
    expect(dry.textContent).toContain('nothing was called')
    expect(dry.textContent).toContain('1.json-tools/json_format')
    expect(api.callsTo('compose.run')).toEqual([{ name: 'doc-report', dryRun: true }])
  })
})
