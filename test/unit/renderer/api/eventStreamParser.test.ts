import { describe, expect, it } from 'vitest'
import { EventStreamParser } from '../../../../src-renderer/api/eventStreamParser'

describe('EventStreamParser', () => {
  it('yields events split across chunks, CRLF included, and skips comments', () => {
    const parser = new EventStreamParser()
    expect(parser.push(': keep-alive\r\n\r\nevent: skills.chan')).toEqual([])
    expect(parser.push('ged\r\ndata: {"names":[]}\r')).toEqual([])
    expect(parser.push('\n\r\nevent: other\ndata: a\ndata: b\n\n')).toEqual([
      { event: 'skills.changed', data: '{"names":[]}' },
      { event: 'other', data: 'a\nb' },
    ])
  })

  it('ignores a message with no data', () => {
    const parser = new EventStreamParser()
    expect(parser.push('event: ping\n\n')).toEqual([])
  })
})
