import { useEffect } from 'react'
import { InlineError } from '../../components/InlineError'
import { useAppStore } from '../../stores/context'
import { CredentialForm } from './CredentialForm'
import { CredentialList } from './CredentialList'
import { inputClass, SettingsSection } from './SettingsSection'

/** Credentials per skill: stored in the OS keychain and handed only to that skill's server. */
export function CredentialsPanel() {
  const loadSkills = useAppStore('credentials', (state) => state.loadSkills)
  const skills = useAppStore('credentials', (state) => state.skills)
  const skillsError = useAppStore('credentials', (state) => state.skillsError)
  const skill = useAppStore('credentials', (state) => state.skill)
  const pick = useAppStore('credentials', (state) => state.pick)
  const error = useAppStore('credentials', (state) => state.error)

  useEffect(() => {
    void loadSkills()
  }, [loadSkills])

  return (
    <SettingsSection
      id="settings-credentials"
      title="Skill credentials"
      intro="API keys and tokens a skill reads from its environment. They go to the OS keychain, are given only to that skill's server, and are never shown again."
    >
      {skillsError && <InlineError>{skillsError}</InlineError>}
      <div className="flex items-center gap-2">
        <label htmlFor="credentials-skill" className="w-[160px] text-sm">
          Skill
        </label>
        <select
          id="credentials-skill"
          data-testid="credentials-skill"
          value={skill ?? ''}
          onChange={(event) => void pick(event.target.value || null)}
          className={`${inputClass} flex-1`}
        >
          <option value="">Choose a skill…</option>
          {skills.map((summary) => (
            <option key={summary.name} value={summary.name}>
              {summary.name}
            </option>
          ))}
        </select>
      </div>
      {error && <InlineError>{error}</InlineError>}
      {skill && (
        <>
          <CredentialList />
          <CredentialForm key={skill} />
        </>
      )}
    </SettingsSection>
  )
}
