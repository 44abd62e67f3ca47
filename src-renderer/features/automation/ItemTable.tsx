import type { ReactNode } from 'react'

/**
 * The table of one automation list (jobs, schedules): its column headings (an empty one for an
 * actions column), a "No …" row while the list is empty, and one row per item.
 */
export function ItemTable<T>({
  label,
  columns,
  empty,
  items,
  row,
}: {
  label: string
  columns: string[]
  empty: string
  items: T[]
  row: (item: T) => ReactNode
}) {
  return (
    <table className="mb-3 w-full text-sm" aria-label={label}>
      <thead className="text-left text-xs text-muted">
        <tr>
          {columns.map((column, i) =>
            column ? (
              <th key={column} className={i === 0 ? 'py-1 font-medium' : 'font-medium'}>
                {column}
              </th>
            ) : (
              <th key={`column-${i}`} />
            ),
          )}
        </tr>
      </thead>
      <tbody>
        {items.length === 0 && (
          <tr>
            <td colSpan={columns.length} className="py-1 text-muted">
              {empty}
            </td>
          </tr>
        )}
        {items.map(row)}
      </tbody>
    </table>
  )
}
