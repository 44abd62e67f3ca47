import { describe, expect, it } from 'vitest'
import { rankCommands, type RankedEntry } from '../../../../../src-renderer/features/palette/rankCommands'

const screen = (label: string, keywords: string[] = []): RankedEntry => ({
  group: 'Go to',
  label: `Go to ${label}`,
  name: label,
  keywords,
})
const action = (label: string, keywords: string[] = []): RankedEntry => ({
  group: 'Actions',
  label,
  keywords,
})
const skill = (name: string, description: string): RankedEntry => ({
  group: 'Skills',
  label: name,
  name,
  keywords: [description],
})

// The palette's order: screens, then actions, then skills.
const entries: RankedEntry[] = [
  screen('Skills', ['skills']),
  screen('Automation', ['automation']),
  screen('Activity', ['activity']),
  screen('Settings', ['settings']),
  action('Add a source…', ['repository', 'git', 'folder', 'install', 'import']),
  action('Create an MCP client…', ['token', 'endpoint', 'claude', 'cursor', 'vscode', 'codex']),
  action('Run the doctor', ['check', 'environment', 'diagnose', 'health']),
  skill('text-stats', 'Counts words and reading time.'),
  skill('unit-converter', 'Converts units of length, mass and temperature.'),
  skill('csv-profiler', 'Profile the columns of a CSV file.'),
]

const labels = (query: string): string[] => rankCommands(entries, query).map((entry) => entry.label)

describe('rankCommands', () => {
  it('puts a skill whose name starts with the text first ("unit" is not Automation)', () => {
    expect(labels('unit')[0]).toBe('unit-converter')
    expect(labels('unit')).not.toContain('Go to Automation')
  })

  it('ranks a word of a skill name over an action that only loosely matches ("conv")', () => {
    expect(labels('conv')[0]).toBe('unit-converter')
    expect(labels('conv')).not.toContain('Create an MCP client…')
  })

  it('puts an exact screen name before a prefix match of another', () => {
    expect(labels('activity')[0]).toBe('Go to Activity')
    expect(labels('s').slice(0, 2)).toEqual(['Go to Skills', 'Go to Settings'])
    expect(labels('set')[0]).toBe('Go to Settings')
  })

  it('finds skills by several words of their description, and actions by their label', () => {
    expect(labels('columns csv')).toEqual(['csv-profiler'])
    expect(labels('doctor')[0]).toBe('Run the doctor')
    expect(labels('client')[0]).toBe('Create an MCP client…')
  })

  it('keeps the given order for an empty query and drops what does not match at all', () => {
    expect(labels('  ')).toEqual(entries.map((entry) => entry.label))
    expect(labels('zzzz')).toEqual([])
  })
})
