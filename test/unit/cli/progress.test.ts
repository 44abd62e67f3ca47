import { afterEach, describe, expect, it, vi } from 'vitest'
import { ProgressLine } from '../../../src-main/cli/progress'
import { CoreEvents } from '../../../src-main/core/events'

afterEach(() => {
  vi.useRealTimers()
})

describe('CLI progress line', () => {
  it('stays silent for work under a second', () => {
    vi.useFakeTimers()
    let out = ''
    const line = new ProgressLine((t) => void (out += t), 'working')
    line.start({ events: new CoreEvents() })
    vi.advanceTimersByTime(900)
    line.stop()
    expect(out).toBe('')
  })

  it('shows a bar from progress events after a second, then clears the line', () => {
    vi.useFakeTimers()
    let out = ''
    const events = new CoreEvents()
    const line = new ProgressLine((t) => void (out += t), 'working')
    line.start({ events })
    vi.advanceTimersByTime(1000)
    events.emit('skills.changed', { names: [] })
    ;(events.emit as (n: string, p: unknown) => void)('sync.progress', {
      current: 1,
      total: 4,
      stage: 'fetching',
    })
    vi.advanceTimersByTime(150)
    expect(out).toContain('█████░░░░░░░░░░░░░░░ 25% fetching')
    line.stop()
    expect(out.endsWith('\r\x1b[2K')).toBe(true)
  })

  it('spins when no totals are known', () => {
    vi.useFakeTimers()
    let out = ''
    const line = new ProgressLine((t) => void (out += t), 'scanning')
    line.start({ events: new CoreEvents() })
    vi.advanceTimersByTime(1250)
    line.stop()
    expect(out).toMatch(/⠋ scanning/)
  })
})
