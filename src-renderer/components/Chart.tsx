/** One value of a chart over time; null where there is nothing to measure (no calls → no latency). */
export interface ChartPoint {
  label: string
  value: number | null
}

export interface ChartProps {
  title: string
  points: readonly ChartPoint[]
  /** Bars for counts, a line for measurements such as latency. */
  kind?: 'bars' | 'line'
  tone?: 'accent' | 'danger' | 'info'
  format?: (value: number) => string
  /** Shown instead of the chart when every value is empty or zero. */
  emptyText?: string
}

const HEIGHT = 60
const STEP = 10

const toneClass = { accent: 'text-accent', danger: 'text-danger', info: 'text-info' } as const

/**
 * A small inline-SVG chart: bar heights (or line heights) are proportional to the values, scaled
 * to the largest one. No chart library: the data is a few dozen points.
 */
export function Chart({
  title,
  points,
  kind = 'bars',
  tone = 'accent',
  format = String,
  emptyText = 'Nothing in this period.',
}: ChartProps) {
  const values = points.map((point) => point.value ?? 0)
  const max = Math.max(0, ...values)
  const total = kind === 'bars' ? values.reduce((sum, value) => sum + value, 0) : null
  const scale = (value: number): number => (max === 0 ? 0 : (value / max) * HEIGHT)
  const width = Math.max(points.length * STEP, STEP)

  return (
    <figure className="flex flex-col gap-1" data-testid="chart" aria-label={title}>
      <figcaption className="flex items-baseline justify-between gap-2 text-xs text-muted">
        <span className="font-medium text-fg">{title}</span>
        <span>{max === 0 ? '' : total !== null ? `${format(total)} total` : `max ${format(max)}`}</span>
      </figcaption>
      {max === 0 ? (
        <p
          data-testid="chart-empty"
          className="flex h-[60px] items-center justify-center rounded border border-dashed border-line text-xs text-muted"
        >
          {emptyText}
        </p>
      ) : (
        <svg
          viewBox={`0 0 ${width} ${HEIGHT}`}
          preserveAspectRatio="none"
          className={`h-[60px] w-full rounded bg-fg/4 ${toneClass[tone]}`}
          role="img"
          aria-label={`${title}: highest ${format(max)}`}
        >
          {kind === 'bars'
            ? points.map((point, index) => {
                const height = scale(point.value ?? 0)
                return (
                  <rect
                    key={index}
                    data-testid="chart-bar"
                    data-value={point.value ?? 0}
                    x={index * STEP + 1}
                    y={HEIGHT - height}
                    width={STEP - 2}
                    height={height}
                    fill="currentColor"
                  >
                    <title>{`${point.label}: ${format(point.value ?? 0)}`}</title>
                  </rect>
                )
              })
            : lineOf(points, scale, format)}
        </svg>
      )}
    </figure>
  )
}

function lineOf(
  points: readonly ChartPoint[],
  scale: (value: number) => number,
  format: (value: number) => string,
) {
  const measured = points
    .map((point, index) => ({ point, x: index * STEP + STEP / 2 }))
    .filter(
      (item): item is { point: { label: string; value: number }; x: number } => item.point.value !== null,
    )
  const path = measured.map(({ point, x }) => `${x},${HEIGHT - scale(point.value)}`).join(' ')
  return (
    <>
      <polyline
        points={path}
        fill="none"
        stroke="currentColor"
        strokeWidth={1.5}
        vectorEffect="non-scaling-stroke"
      />
      {measured.map(({ point, x }) => (
        <circle
          key={x}
          data-testid="chart-point"
          data-value={point.value}
          cx={x}
          cy={HEIGHT - scale(point.value)}
          r={1.5}
          fill="currentColor"
        >
          <title>{`${point.label}: ${format(point.value)}`}</title>
        </circle>
      ))}
    </>
  )
}
