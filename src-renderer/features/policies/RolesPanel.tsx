import { useState, type FormEvent } from 'react'
import { Section } from '../../components/Section'
import { useAppStore } from '../../stores/context'
import { buttonClass, Field, inputClass, removeClass } from './fields'

/** Roles (allow patterns) and which MCP client has which role. */
export function RolesPanel() {
  const roles = useAppStore('policies', (state) => state.roles)
  const clients = useAppStore('policies', (state) => state.clients)
  const addRole = useAppStore('policies', (state) => state.addRole)
  const removeRole = useAppStore('policies', (state) => state.removeRole)
  const assignRole = useAppStore('policies', (state) => state.assignRole)
  const [name, setName] = useState('')
  const [allow, setAllow] = useState('')
  const patterns = allow.split(/[\s,]+/).filter(Boolean)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (await addRole(name.trim(), patterns)) {
      setName('')
      setAllow('')
    }
  }

  return (
    <>
      <Section title="Roles">
        <ul className="mb-2 flex flex-col gap-1 text-sm" aria-label="Roles">
          {roles.length === 0 && (
            <li className="text-muted">No roles: clients see what skills expose to them.</li>
          )}
          {roles.map((r) => (
            <li key={r.name} data-testid="role-row" className="flex items-center gap-2">
              <span className="font-medium">{r.name}</span>
              <code className="text-muted">{r.allow.join(' ')}</code>
              <button
                type="button"
                className={`ml-auto ${removeClass}`}
                onClick={() => void removeRole(r.name)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <form onSubmit={(event) => void submit(event)} className="flex flex-wrap items-end gap-2">
          <Field label="Role name">
            <input value={name} onChange={(e) => setName(e.target.value)} className={inputClass} />
          </Field>
          <Field label="Allows (skill/tool, skill/*, *; space-separated)">
            <input
              value={allow}
              onChange={(e) => setAllow(e.target.value)}
              className={`w-72 ${inputClass}`}
            />
          </Field>
          <button
            type="submit"
            disabled={name.trim() === '' || patterns.length === 0}
            className={buttonClass}
          >
            Add role
          </button>
        </form>
      </Section>
      <Section title="Client roles">
        <ul className="flex flex-col gap-1 text-sm" aria-label="Client roles">
          {clients.length === 0 && <li className="text-muted">No MCP clients yet.</li>}
          {clients.map((c) => (
            <li key={c.client} className="flex items-center gap-2">
              <span className="w-40 truncate">{c.client}</span>
              <select
                aria-label={`Role of ${c.client}`}
                value={c.role ?? ''}
                onChange={(e) => void assignRole(c.client, e.target.value === '' ? null : e.target.value)}
                className={inputClass}
              >
                <option value="">No role (sees what skills expose)</option>
                {roles.map((r) => (
                  <option key={r.name} value={r.name}>
                    {r.name}
                  </option>
                ))}
              </select>
            </li>
          ))}
        </ul>
      </Section>
    </>
  )
}
