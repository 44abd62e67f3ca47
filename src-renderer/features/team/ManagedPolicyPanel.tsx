import { useAppStore } from '../../stores/context'

/** What the machine-wide managed policy enforces; shown so nobody wonders why a switch will not move. */
export function ManagedPolicyPanel() {
  const policy = useAppStore('team', (s) => s.policy)
  if (!policy?.path) return null
  return (
    <section data-testid="managed-policy" className="rounded border border-info/40 bg-info/6 p-3 text-sm">
      <h2 className="font-medium">Managed by your organisation</h2>
      <p className="text-muted">
        Set by an administrator in <code>{policy.path}</code>; SkillDock enforces it in the app, the CLI and
        the API.
      </p>
      <ul className="mt-1 list-disc pl-5">
        <li data-testid="managed-policy-mode">
          Governance mode:{' '}
          {policy.governanceMode ? <strong>{policy.governanceMode} (locked)</strong> : 'your choice'}
        </li>
        <li>
          Allowed sources:{' '}
          {policy.allowedSources === null ? 'any' : policy.allowedSources.join(', ') || 'none'}
        </li>
        <li>Required teams: {policy.requiredTeams.map((t) => t.url).join(', ') || 'none'}</li>
        <li>Personal skills: {policy.personalSkills ? 'allowed' : 'not allowed'}</li>
      </ul>
      {policy.problems.map((p) => (
        <p key={p} className="text-danger">
          {p}
        </p>
      ))}
    </section>
  )
}
