import { describe, expect, it } from 'vitest'
import { actionLabel, outcomeLabel } from '../../../../../src-renderer/features/activity/presentation'

describe('activity labels', () => {
  it('says what an action was in words', () => {
    expect(actionLabel('approval.import')).toBe('Imported for approval')
    expect(actionLabel('approval.external-edit')).toBe('Edited on disk, sent for approval')
    expect(actionLabel('skill.remove')).toBe('Skill removed')
  })

  it('turns an action it does not know into words rather than showing the code', () => {
    expect(actionLabel('source.sync')).toBe('Source: sync')
    expect(actionLabel('budget.limit-hit')).toBe('Budget: limit hit')
    expect(outcomeLabel('rate_limited')).toBe('rate limited')
  })
})
