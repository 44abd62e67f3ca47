import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { Approval, BulkApproval, Governance, RouteInput } from '../../../../../src-main/contract'
import {
  entryOffsets,
  inboxEntries,
  visibleRange,
} from '../../../../../src-renderer/features/approvals/approvalGroups'
import { makeApproval, type FakeHandlers } from '../../fakeApi'
import { cleanupApp, renderAppAt } from '../../renderApp'

afterEach(cleanupApp)

const governance: Governance = {
  mode: 'semi_auto',
  defaultTrust: 'sandboxed',
  gapDetection: true,
  selfGeneration: true,
  updatedAt: '2025-01-01T00:00:00.000Z',
}

/** `count` pending requests, newest first, from the given sources in turn. */
function inbox(count: number, sources: Array<string | null>): Approval[] {
  return Array.from({ length: count }, (_, i) =>
    makeApproval({
      id: `r${String(i).padStart(4, '0')}`,
      skill: `skill-${String(i).padStart(4, '0')}`,
      source: sources[i % sources.length] ?? null,
      risk: i % 10 === 0 ? 'CRITICAL' : 'LOW',
      createdAt: new Date(Date.UTC(2025, 0, 1) - i * 1000).toISOString(),
    }),
  )
}

/** A fake core that pages like the real one (keyset on the order given) and records bulk calls. */
function handlers(items: Approval[], bulkCalls: Array<RouteInput<'approvals.approveMany'>>): FakeHandlers {
  return {
    'approvals.list': ({ status, limit, cursor, source }) => {
      let matching = items.filter(
        (a) => (!status || a.status === status) && (source === undefined || a.source === source),
      )
      if (cursor) matching = matching.slice(matching.findIndex((a) => a.id === cursor) + 1)
      return (limit ? matching.slice(0, limit) : matching).map((a) => ({ ...a }))
    },
    'approvals.approveMany': (input): BulkApproval => {
      bulkCalls.push(input)
      const chosen = input.ids
        ? items.filter((a) => input.ids!.includes(a.id))
        : items.filter((a) => a.status === 'pending' && a.source === input.source)
      const result: BulkApproval = {
        dryRun: input.dryRun === true,
        items: chosen.map((a) => {
          const ok = a.risk === 'LOW'
          if (ok && !input.dryRun) Object.assign(a, { status: 'approved', trust: input.trust ?? 'sandboxed' })
          return {
            id: a.id,
            skill: a.skill,
            source: a.source ?? null,
            risk: a.risk,
            outcome: ok ? (input.dryRun ? 'would-approve' : 'approved') : 'skipped',
            trust: ok ? (input.trust ?? 'sandboxed') : null,
            reason: ok ? null : 'CRITICAL findings: decide it on its own',
          }
        }),
      }
      return result
    },
    'governance.get': () => governance,
  }
}

describe('the inbox with many requests', () => {
  it('loads 2,000 pending requests page by page and renders only the rows on screen', async () => {
    const items = inbox(2000, ['team'])
    const { api } = renderAppAt('#/approvals', handlers(items, []))
    await waitFor(() => expect(screen.getByText('2000 pending')).toBeTruthy())
    const pages = api.callsTo('approvals.list') as Array<{ cursor?: string; limit?: number }>
    expect(pages.length).toBeGreaterThanOrEqual(4)
    expect(pages.every((p) => p.limit === 500)).toBe(true)
    // Each load walks the pages in order (the inbox loads on start and when the screen opens).
    expect([...new Set(pages.map((p) => p.cursor ?? 'first'))]).toEqual([
      'first',
      'r0499',
      'r0999',
      'r1499',
      'r1999',
    ])
    const rendered = screen.getAllByTestId('approval-row').length
    expect(rendered).toBeGreaterThan(10)
    expect(rendered).toBeLessThan(100)
  })

  it('groups by source, ticks a whole group but never its CRITICAL requests, and decides them once', async () => {
    const items = inbox(20, ['team', 'crowd'])
    const bulkCalls: Array<RouteInput<'approvals.approveMany'>> = []
    renderAppAt('#/approvals', handlers(items, bulkCalls))
    await screen.findByText('20 pending')
    fireEvent.change(screen.getByTestId('approval-group-by'), { target: { value: 'source' } })
    const groups = screen.getAllByTestId('approval-group').map((g) => g.getAttribute('data-group'))
    expect(groups).toEqual(['crowd', 'team'])
    const team = screen.getAllByTestId('approval-group').find((g) => g.getAttribute('data-group') === 'team')!
    fireEvent.click(within(team).getByTestId('approval-group-select'))
    // team holds r0000…r0018 (even); r0000 and r0010 are CRITICAL and stay unticked.
    expect(screen.getByTestId('bulk-selected-count').textContent).toBe('8 selected')
    fireEvent.change(screen.getByTestId('bulk-trust'), { target: { value: 'monitored' } })
    fireEvent.change(screen.getByTestId('bulk-notes'), { target: { value: 'team batch' } })
    fireEvent.click(screen.getByTestId('bulk-approve'))
    await waitFor(() => expect(screen.getByTestId('bulk-outcome').textContent).toContain('8 approved'))
    expect(bulkCalls).toHaveLength(1)
    expect(bulkCalls[0]).toMatchObject({ trust: 'monitored', notes: 'team batch' })
    expect(bulkCalls[0]?.ids).toHaveLength(8)
    expect(bulkCalls[0]?.ids).not.toContain('r0000')
    expect(screen.queryByTestId('bulk-decision')).toBeNull()
  })

  it('"Approve all LOW…" of a source shows the list, then approves exactly those', async () => {
    const items = inbox(6, ['team'])
    const bulkCalls: Array<RouteInput<'approvals.approveMany'>> = []
    renderAppAt('#/approvals', handlers(items, bulkCalls))
    await screen.findByText('6 pending')
    fireEvent.change(screen.getByTestId('approval-group-by'), { target: { value: 'source' } })
    fireEvent.click(screen.getByTestId('approve-low-from-source'))
    const preview = await screen.findByTestId('low-from-source-preview')
    await waitFor(() => expect(within(preview).getAllByRole('listitem')).toHaveLength(5))
    expect(within(preview).getByTestId('low-preview-left').textContent).toContain('skill-0000')
    expect(bulkCalls).toEqual([{ source: 'team', maxRisk: 'LOW', dryRun: true }])
    expect(items.filter((a) => a.status === 'approved')).toHaveLength(0)
    fireEvent.click(within(preview).getByTestId('confirm-low-from-source'))
    await waitFor(() => expect(screen.getByTestId('bulk-outcome').textContent).toContain('5 approved'))
    expect(bulkCalls[1]).toEqual({ ids: ['r0001', 'r0002', 'r0003', 'r0004', 'r0005'], maxRisk: 'LOW' })
  })

  it('finds the visible rows of a long list without walking it', () => {
    const entries = inboxEntries(inbox(2000, ['a', 'b']), 'source')
    const { tops, height } = entryOffsets(entries)
    expect(entries.filter((e) => e.kind === 'group')).toHaveLength(2)
    expect(height).toBe(2 * 30 + 2000 * 50)
    const { start, end } = visibleRange(tops, 50_000, 600)
    expect(start).toBeGreaterThan(900)
    expect(end - start).toBeLessThan(40)
  })
})
