import { cleanup, fireEvent, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { ToolInfo } from '../../../../../src-main/contract'
import { ToolForm } from '../../../../../src-renderer/features/runner/ToolForm'

afterEach(cleanup)

const tool: ToolInfo = {
  name: 'format',
  description: 'Formats things.',
  inputSchema: {
    type: 'object',
    properties: {
      title: { type: 'string', description: 'A short title.' },
      text: { type: 'string' },
      count: { type: 'integer' },
      loud: { type: 'boolean' },
      mode: { type: 'string', enum: ['plain', 'fancy'] },
      lines: { type: 'array', items: { type: 'string' } },
      extra: { type: 'object' },
    },
    required: ['title'],
  },
}

function renderForm(seed: Record<string, unknown> | null = null) {
  const calls: Array<Record<string, unknown>> = []
  render(<ToolForm tool={tool} seed={seed} calling={false} onCall={(args) => calls.push(args)} />)
  const field = (name: string) => document.querySelector(`[data-field="${name}"]`) as HTMLInputElement
  return { calls, field }
}

describe('tool form', () => {
  it('renders one labelled control per field kind', () => {
    const { field } = renderForm()
    expect(field('title').tagName).toBe('INPUT')
    expect(field('title').type).toBe('text')
    expect(screen.getByLabelText(/^title/)).toBe(field('title'))
    expect(screen.getByText('A short title.')).toBeTruthy()
    expect(field('text').tagName).toBe('TEXTAREA')
    expect(field('count').type).toBe('number')
    expect(field('loud').type).toBe('checkbox')
    expect(field('mode').tagName).toBe('SELECT')
    expect(Array.from((field('mode') as unknown as HTMLSelectElement).options).map((o) => o.text)).toEqual([
      '(not set)',
      'plain',
      'fancy',
    ])
    expect(field('lines').tagName).toBe('TEXTAREA')
    expect(field('lines').getAttribute('data-kind')).toBe('lines')
    expect(field('extra').getAttribute('data-kind')).toBe('json')
  })

  it('calls with typed arguments and shows field errors instead of calling', () => {
    const { calls, field } = renderForm()
    fireEvent.change(field('count'), { target: { value: '1.5' } })
    fireEvent.click(screen.getByTestId('runner-call'))
    expect(calls).toEqual([])
    expect(screen.getByText('A whole number is needed.')).toBeTruthy()
    expect(field('count').getAttribute('aria-invalid')).toBe('true')

    fireEvent.change(field('title'), { target: { value: 'Hello' } })
    fireEvent.change(field('count'), { target: { value: '2' } })
    fireEvent.click(field('loud'))
    fireEvent.change(field('mode'), { target: { value: '1' } })
    fireEvent.change(field('lines'), { target: { value: 'a\nb' } })
    fireEvent.change(field('extra'), { target: { value: '{"x": true}' } })
    fireEvent.click(screen.getByTestId('runner-call'))
    expect(calls).toEqual([
      { title: 'Hello', count: 2, loud: true, mode: 'fancy', lines: ['a', 'b'], extra: { x: true } },
    ])
  })

  it('switches to raw JSON with the current values and back, and calls with the raw object', () => {
    const { calls, field } = renderForm()
    fireEvent.change(field('title'), { target: { value: 'Hi' } })
    fireEvent.click(screen.getByTestId('runner-raw-toggle'))
    const raw = screen.getByTestId('runner-raw-json') as HTMLTextAreaElement
    expect(JSON.parse(raw.value)).toEqual({ title: 'Hi', loud: false })

    fireEvent.change(raw, { target: { value: '{"title": "From JSON", "count": 9}' } })
    fireEvent.click(screen.getByTestId('runner-call'))
    expect(calls).toEqual([{ title: 'From JSON', count: 9 }])

    fireEvent.change(raw, { target: { value: '{"title": ' } })
    fireEvent.click(screen.getByTestId('runner-raw-toggle'))
    expect(screen.getByRole('alert').textContent).toMatch(/Not valid JSON/)
    expect(screen.getByTestId('runner-raw-json')).toBeTruthy()

    fireEvent.change(raw, { target: { value: '{"title": "Back", "count": 4}' } })
    fireEvent.click(screen.getByTestId('runner-raw-toggle'))
    expect(field('title').value).toBe('Back')
    expect(field('count').value).toBe('4')
  })

  it('starts from a replayed call’s arguments', () => {
    const { field } = renderForm({ title: 'Again', mode: 'plain', lines: ['x', 'y'] })
    expect(field('title').value).toBe('Again')
    expect((field('mode') as unknown as HTMLSelectElement).value).toBe('0')
    expect(field('lines').value).toBe('x\ny')
  })

  it('checks raw JSON against the schema before calling', () => {
    const { calls } = renderForm()
    fireEvent.click(screen.getByTestId('runner-raw-toggle'))
    fireEvent.change(screen.getByTestId('runner-raw-json'), { target: { value: '{"count": "three"}' } })
    fireEvent.click(screen.getByTestId('runner-call'))
    expect(calls).toEqual([])
    expect(screen.getByRole('alert').textContent).toContain('title: Required.')
    expect(screen.getByRole('alert').textContent).toContain('count: Must be an integer, not a string.')

    fireEvent.change(screen.getByTestId('runner-raw-json'), {
      target: { value: '{"title": "ok", "count": 3}' },
    })
    fireEvent.click(screen.getByTestId('runner-call'))
    expect(calls).toEqual([{ title: 'ok', count: 3 }])
  })
})
