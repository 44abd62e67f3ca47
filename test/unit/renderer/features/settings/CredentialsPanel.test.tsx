import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { FakeHandlers } from '../../fakeApi'
import { makeSummary } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const SECRET = 'wx-unit-secret-987654'

/** A keychain the fake core keeps; only names ever come back. */
function credentialHandlers(): { handlers: FakeHandlers; keychain: Map<string, string> } {
  const keychain = new Map<string, string>()
  const handlers: FakeHandlers = {
    'skills.list': () => [makeSummary({ name: 'weather', hasServer: true }), makeSummary({ name: 'notes' })],
    'secrets.declared': ({ skill }) =>
      skill === 'weather'
        ? [
            {
              name: 'WEATHER_API_KEY',
              required: true,
              description: 'Key of the weather service',
              stored: keychain.has('weather/WEATHER_API_KEY'),
            },
          ]
        : [],
    'secrets.list': ({ skill }) =>
      [...keychain.keys()]
        .filter((key) => key.startsWith(`${skill}/`))
        .map((key) => ({ skill: skill ?? '', name: key.split('/')[1] ?? '' })),
    'secrets.set': ({ skill, name, value }) => {
      keychain.set(`${skill}/${name}`, value)
      return { skill, name }
    },
    'secrets.delete': ({ skill, name }) => ({ deleted: keychain.delete(`${skill}/${name}`) }),
  }
  return { handlers, keychain }
}

describe('skill credentials', () => {
  it('offers the declared credential, stores the value once, clears the field and never renders it', async () => {
    const { handlers, keychain } = credentialHandlers()
    const { api } = renderAppAt('#/settings', handlers)
    const panel = await screen.findByTestId('settings-credentials')
    const picker = within(panel).getByTestId('credentials-skill')
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3))
    fireEvent.change(picker, { target: { value: 'weather' } })

    const row = await within(panel).findByTestId('credential-row')
    expect(row.textContent).toContain('WEATHER_API_KEY')
    expect(row.textContent).toContain('not set')
    expect((within(panel).getByTestId('credential-name') as HTMLInputElement).value).toBe('WEATHER_API_KEY')

    const value = within(panel).getByTestId('credential-value') as HTMLInputElement
    expect(value.type).toBe('password')
    fireEvent.change(value, { target: { value: SECRET } })
    fireEvent.click(within(panel).getByTestId('credential-save'))

    await within(panel).findByTestId('credential-saved')
    expect(api.callsTo('secrets.set')).toEqual([{ skill: 'weather', name: 'WEATHER_API_KEY', value: SECRET }])
    expect(keychain.get('weather/WEATHER_API_KEY')).toBe(SECRET)
    await waitFor(() => expect(within(panel).getByTestId('credential-row').textContent).toContain('stored'))

    const fresh = within(panel).getByTestId('credential-value') as HTMLInputElement
    expect(fresh.value).toBe('')
    expect(document.body.innerHTML).not.toContain(SECRET)
    const values = [...document.querySelectorAll('input')].map((input) => input.value)
    expect(values.join('\n')).not.toContain(SECRET)
  })

  it('deletes a stored credential and says when a skill declares none', async () => {
    const { handlers, keychain } = credentialHandlers()
    keychain.set('weather/WEATHER_API_KEY', SECRET)
    renderAppAt('#/settings', handlers)
    const panel = await screen.findByTestId('settings-credentials')
    const picker = within(panel).getByTestId('credentials-skill')
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3))
    fireEvent.change(picker, { target: { value: 'weather' } })
    await waitFor(() => expect(within(panel).getByTestId('credential-row').textContent).toContain('stored'))
    fireEvent.click(within(panel).getByRole('button', { name: 'Delete WEATHER_API_KEY' }))
    await waitFor(() => expect(within(panel).getByTestId('credential-row').textContent).toContain('not set'))
    expect(keychain.size).toBe(0)

    fireEvent.change(picker, { target: { value: 'notes' } })
    expect((await within(panel).findByTestId('credentials-none')).textContent).toContain(
      'declares no credentials',
    )
  })

  it('shows the core’s message when the keychain refuses', async () => {
    const { handlers } = credentialHandlers()
    handlers['secrets.set'] = () => {
      throw Object.assign(new Error('The OS keychain is locked — unlock it and try again.'), {})
    }
    renderAppAt('#/settings', handlers)
    const panel = await screen.findByTestId('settings-credentials')
    const picker = within(panel).getByTestId('credentials-skill')
    await waitFor(() => expect(within(picker).getAllByRole('option')).toHaveLength(3))
    fireEvent.change(picker, { target: { value: 'weather' } })
    await within(panel).findByTestId('credential-row')
    fireEvent.change(within(panel).getByTestId('credential-value'), { target: { value: SECRET } })
    fireEvent.click(within(panel).getByTestId('credential-save'))
    expect((await within(panel).findByRole('alert')).textContent).toContain('keychain is locked')
  })
})
