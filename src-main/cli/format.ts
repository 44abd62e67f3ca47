/** Small helpers for human-readable CLI output. */

export function table(rows: string[][], maxWidth = Infinity): string {
  if (rows.length === 0) return ''
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length)))
  return rows
    .map((row) => {
      const line = row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
      return line.length > maxWidth ? line.slice(0, maxWidth - 1) + '…' : line
    })
    .join('\n')
}

export function bytes(n: number): string {
  if (n < 1024) return `${n} B`
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`
  return `${(n / 1024 / 1024).toFixed(1)} MiB`
}
