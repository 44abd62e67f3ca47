import { useEffect } from 'react'
import type { MetricsPoint } from '../../../src-main/contract'
import { Chart, type ChartPoint } from '../../components/Chart'
import { InlineError } from '../../components/InlineError'
import { Section } from '../../components/Section'
import { SkeletonLines } from '../../components/Skeleton'
import { formatDateTime, formatRelativeTime } from '../../components/time'
import { routeHref } from '../../router'
import { useAppStore } from '../../stores/context'
import { metricsSpans } from '../../stores/metrics'

const ms = (value: number): string => `${Math.round(value)} ms`

function series(points: MetricsPoint[], pick: (point: MetricsPoint) => number | null): ChartPoint[] {
  return points.map((point) => ({ label: formatDateTime(point.start), value: pick(point) }))
}

/** The skill's calls, errors and p50 latency over time, and a per-tool table; follows new calls live. */
export function SkillActivity({ name }: { name: string }) {
  const show = useAppStore('metrics', (state) => state.show)
  const hide = useAppStore('metrics', (state) => state.hide)
  const hours = useAppStore('metrics', (state) => state.hours)
  const points = useAppStore('metrics', (state) => state.points)
  const tools = useAppStore('metrics', (state) => state.tools)
  const loaded = useAppStore('metrics', (state) => state.loaded)
  const error = useAppStore('metrics', (state) => state.error)
  const shownSkill = useAppStore('metrics', (state) => state.skill)

  useEffect(() => {
    void show(name)
    return hide
  }, [name, show, hide])

  const ready = loaded && shownSkill === name
  return (
    <div data-testid="skill-activity">
      <Section
        title="Calls over time"
        aside={
          <select
            aria-label="Period"
            value={hours}
            onChange={(event) => void show(name, Number(event.target.value))}
            className="h-6 rounded border border-line bg-surface px-1.5 text-xs"
          >
            {metricsSpans.map((span) => (
              <option key={span.hours} value={span.hours}>
                Last {span.label}
              </option>
            ))}
          </select>
        }
      >
        {error && <InlineError>{error}</InlineError>}
        {!ready ? (
          !error && <SkeletonLines count={3} label="Loading activity" />
        ) : (
          <div className="grid gap-3 sm:grid-cols-3">
            <Chart title="Calls" points={series(points, (point) => point.calls)} emptyText="No calls." />
            <Chart
              title="Errors"
              tone="danger"
              points={series(points, (point) => point.errors)}
              emptyText="No errors."
            />
            <Chart
              title="p50 latency"
              kind="line"
              tone="info"
              format={ms}
              points={series(points, (point) => point.p50Ms)}
              emptyText="No calls to time."
            />
          </div>
        )}
      </Section>
      <Section
        title="Tools"
        aside={
          <a href={routeHref('activity', name)} className="text-xs text-accent hover:underline">
            This skill in the activity log
          </a>
        }
      >
        {ready && tools.length === 0 ? (
          <p className="text-muted">No tool of this skill was called in this period.</p>
        ) : (
          <table className="w-full border-collapse text-sm" data-testid="skill-tool-metrics">
            <thead>
              <tr className="border-b border-line text-left text-xs text-muted">
                <th className="py-1 pr-2 font-medium">Tool</th>
                <th className="py-1 pr-2 text-right font-medium">Calls</th>
                <th className="py-1 pr-2 text-right font-medium">Errors</th>
                <th className="py-1 pr-2 text-right font-medium">p50</th>
                <th className="py-1 pr-2 text-right font-medium">p95</th>
                <th className="py-1 font-medium">Last used</th>
              </tr>
            </thead>
            <tbody>
              {tools.map((tool) => (
                <tr key={tool.tool} className="border-b border-line/60" data-testid="skill-tool-metric">
                  <td className="py-1 pr-2 font-mono text-xs">{tool.tool}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{tool.calls}</td>
                  <td className={`py-1 pr-2 text-right tabular-nums ${tool.errors > 0 ? 'text-danger' : ''}`}>
                    {tool.errors}
                  </td>
                  <td className="py-1 pr-2 text-right tabular-nums">
                    {tool.p50Ms === null ? '—' : ms(tool.p50Ms)}
                  </td>
                  <td className="py-1 pr-2 text-right tabular-nums">
                    {tool.p95Ms === null ? '—' : ms(tool.p95Ms)}
                  </td>
                  <td
                    className="py-1 text-muted"
                    title={tool.lastUsedAt ? formatDateTime(tool.lastUsedAt) : undefined}
                  >
                    {tool.lastUsedAt ? formatRelativeTime(tool.lastUsedAt) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </div>
  )
}
