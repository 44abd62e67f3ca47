/** "84 ms", "1.4 s", "2 min 3 s". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const seconds = Math.round(ms / 1000)
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`
}

/** Arguments on one line for the history, shortened. */
export function summarizeArgs(args: Record<string, unknown>, max = 80): string {
  const text = JSON.stringify(args)
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}
