/** Placeholder bars shown while content loads. */
export function SkeletonLines({ count, label }: { count: number; label: string }) {
  return (
    <div role="status" aria-label={label} className="flex flex-col gap-3 p-3">
      {Array.from({ length: count }, (_, index) => (
        <div key={index} className="flex animate-pulse flex-col gap-1.5">
          <div className="h-3 w-1/3 rounded bg-fg/10" />
          <div className="h-2.5 w-4/5 rounded bg-fg/6" />
        </div>
      ))}
    </div>
  )
}
