import { useId } from 'react'

/**
 * SkillDock's icon, drawn inline (the same drawing as public/icon.svg, the favicon and
 * resources/icons/icon.png): skills docked side by side on one base.
 */
export function AppIcon({ size = 16 }: { size?: number }) {
  const gradient = useId()
  return (
    <svg viewBox="0 0 64 64" width={size} height={size} aria-hidden className="shrink-0">
      <defs>
        <linearGradient id={gradient} x1="0" y1="0" x2="0" y2="1">
          <stop offset="0" stopColor="#3a72d8" />
          <stop offset="1" stopColor="#1d4792" />
        </linearGradient>
      </defs>
      <rect x="2" y="2" width="60" height="60" rx="14" fill={`url(#${gradient})`} />
      <rect x="13" y="22" width="10" height="21" rx="2.5" fill="#ffffff" />
      <rect x="27" y="13" width="10" height="30" rx="2.5" fill="#cfe1ff" />
      <rect x="41" y="27" width="10" height="16" rx="2.5" fill="#ffffff" />
      <rect x="10" y="46" width="44" height="6" rx="3" fill="#9dc3ff" />
    </svg>
  )
}
