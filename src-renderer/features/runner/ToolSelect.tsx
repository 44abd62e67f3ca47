import { useId } from 'react'

/** "Tool" and a select of the tools a skill (or its draft) serves, by name. */
export function ToolSelect({
  tools,
  value,
  onChange,
  testId,
}: {
  tools: { name: string }[]
  value: string
  onChange: (name: string) => void
  testId: string
}) {
  const id = useId()
  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm font-medium">
        Tool
      </label>
      <select
        id={id}
        data-testid={testId}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className="h-7 min-w-48 rounded border border-line bg-surface px-1.5 outline-none focus:border-accent"
      >
        {tools.map((candidate) => (
          <option key={candidate.name} value={candidate.name}>
            {candidate.name}
          </option>
        ))}
      </select>
    </div>
  )
}
