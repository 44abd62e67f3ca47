export interface SwitchProps {
  checked: boolean
  onChange: (checked: boolean) => void
  disabled?: boolean
  /** Accessible name; shown next to the switch unless `hideLabel`. */
  label: string
  /** Why the switch is disabled, as a tooltip and accessible description. */
  title?: string | undefined
  'data-testid'?: string
}

/** An on/off switch: a button with role="switch", operable by click, Space and Enter. */
export function Switch({ checked, onChange, disabled, label, title, 'data-testid': testId }: SwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      aria-checked={checked}
      disabled={disabled}
      title={title}
      data-testid={testId}
      onClick={() => onChange(!checked)}
      className="group inline-flex items-center gap-2 rounded text-sm disabled:cursor-not-allowed disabled:opacity-50"
    >
      <span
        aria-hidden
        className={`relative inline-block h-4 w-7 rounded-full border transition-colors group-focus-visible:outline-2 group-focus-visible:outline-offset-2 group-focus-visible:outline-accent ${
          checked ? 'border-accent bg-accent' : 'border-line-strong bg-fg/10'
        }`}
      >
        <span
          className={`absolute top-px left-px size-3 rounded-full bg-white shadow transition-transform ${
            checked ? 'translate-x-3' : ''
          }`}
        />
      </span>
      <span>{label}</span>
    </button>
  )
}
