import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeHandlers } from '../../fakeApi'
import { makeDetail, makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const skills = [
  makeSummary({ name: 'pdf-tools', description: 'Extract text and tables from PDF files.' }),
  makeSummary({ name: 'csv-profiler', description: 'Profile the columns of a CSV file.' }),
]

const handlers: FakeHandlers = {
  'skills.list': () => skills,
  'skills.get': ({ name }) => makeDetail(skills.find((skill) => skill.name === name) ?? skills[0]!),
  'activity.list': () => ({ entries: [], nextBefore: null }),
  'app.doctor': () => [
    { id: 'python', label: 'python3', status: 'ok', detail: 'Python 3.12' },
    { id: 'git', label: 'git', status: 'fail', detail: 'git was not found', fix: 'Install git.' },
  ],
}

const openPalette = async (): Promise<HTMLInputElement> => {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
  return (await screen.findByTestId('command-input')) as HTMLInputElement
}

const itemLabels = (): string[] =>
  screen.getAllByTestId('command-item').map((item) => item.firstElementChild?.textContent ?? '')

describe('command palette', () => {
  it('opens with Ctrl+K, filters as you type, and runs the chosen command with Enter', async () => {
    renderAppAt('#/skills', handlers)
    const input = await openPalette()
    expect(document.activeElement).toBe(input)
    expect(itemLabels()).toEqual(expect.arrayContaining(['Go to Skills', 'Go to Activity', 'Add a source…']))

    fireEvent.change(input, { target: { value: 'activity' } })
    await waitFor(() => expect(itemLabels()[0]).toBe('Go to Activity'))
    expect(itemLabels()).not.toContain('Go to Skills')

    fireEvent.keyDown(input, { key: 'Enter' })
    await waitFor(() => expect(window.location.hash).toBe('#/activity'))
    expect(screen.queryByTestId('command-palette')).toBeNull()
    expect(await screen.findByTestId('activity-page')).toBeTruthy()
  })

  it('finds a skill by words of its description and opens it', async () => {
    renderAppAt('#/activity', handlers)
    const input = await openPalette()
    fireEvent.change(input, { target: { value: 'columns csv' } })
    await waitFor(() => expect(itemLabels()[0]).toBe('csv-profiler'))
    fireEvent.keyDown(input, { key: 'Enter' })
    await waitFor(() => expect(window.location.hash).toBe('#/skills/csv-profiler'))
  })

  it('runs the doctor from the palette and lands on its results', async () => {
    const { api } = renderAppAt('#/skills', handlers)
    const input = await openPalette()
    fireEvent.change(input, { target: { value: 'doctor' } })
    await waitFor(() => expect(itemLabels()[0]).toBe('Run the doctor'))
    fireEvent.keyDown(input, { key: 'Enter' })
    await waitFor(() => expect(window.location.hash).toBe('#/settings'))
    const checks = await screen.findAllByTestId('doctor-check')
    expect(checks.map((check) => check.getAttribute('data-status'))).toEqual(['ok', 'fail'])
    expect(screen.getByText('Install git.')).toBeTruthy()
    expect(api.callsTo('app.doctor')).toHaveLength(1)
  })

  it('closes with Escape without running anything', async () => {
    renderAppAt('#/skills', handlers)
    const input = await openPalette()
    fireEvent.keyDown(input, { key: 'Escape' })
    await waitFor(() => expect(screen.queryByTestId('command-palette')).toBeNull())
    expect(window.location.hash).toBe('#/skills')
  })

  it('moves between screens with Alt+number and g-keys, and lists the shortcuts on ?', async () => {
    renderAppAt('#/skills', handlers)
    await screen.findByTestId('palette-open')
    fireEvent.keyDown(window, { key: 'g' })
    fireEvent.keyDown(window, { key: 'a' })
    await waitFor(() => expect(window.location.hash).toBe('#/activity'))
    fireEvent.keyDown(window, { key: '1', code: 'Digit1', altKey: true })
    await waitFor(() => expect(window.location.hash).toBe('#/skills'))

    fireEvent.keyDown(window, { key: '?' })
    const help = await screen.findByTestId('shortcuts-help')
    expect(help.textContent).toContain('Command palette')
    expect(help.textContent).toContain('Go to Activity')
  })

  it('leaves typing alone: shortcuts do not fire inside a text field', async () => {
    renderAppAt('#/skills', handlers)
    const search = await screen.findByTestId('skill-search')
    fireEvent.keyDown(search, { key: 'g' })
    fireEvent.keyDown(search, { key: 'a' })
    fireEvent.keyDown(search, { key: '?' })
    expect(window.location.hash).toBe('#/skills')
    expect(screen.queryByTestId('shortcuts-help')).toBeNull()
  })
})
