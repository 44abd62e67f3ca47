import { describe, expect, it } from 'vitest'
import { detectGapPhrases } from '../../../../src-main/core/generator/gapDetector'
import { coverage, skillNameFor } from '../../../../src-main/core/generator/intent'
import { parseFiles } from '../../../../src-main/core/generator/prompt'
import { templateTool } from '../../../../src-main/core/generator/template'

describe('intent words', () => {
  it('derives a kebab-case skill name and a tool from the intent', () => {
    expect(skillNameFor('Convert Markdown tables to CSV!')).toBe('convert-markdown-tables-csv')
    expect(templateTool('download a file from a URL')).toMatchObject({
      tool: 'download_file_url',
      param: 'url',
    })
    expect(templateTool('count words in a text')).toMatchObject({
      tool: 'count_words_text',
      param: 'words_text',
    })
  })

  it('scores how much of the intent a description covers', () => {
    expect(coverage('count words in a text', 'Measures plain text - word counts')).toBe(1)
    expect(coverage('convert Markdown tables to CSV', 'Profiles CSV files')).toBe(0.25)
  })
})

describe('gap phrases', () => {
  it('finds each explicit phrase and collapses the same capability said twice', () => {
    const gaps = detectGapPhrases(
      "I don't have a tool to resize PNG images.\nCapability unavailable: resize png images\nThere is no tool for sending SMS",
    )
    expect(gaps.map((g) => g.capability)).toEqual(['resize PNG images', 'sending SMS'])
    expect(gaps[0]!.context).toContain("I don't have a tool")
  })

  it('finds nothing in ordinary output', () => {
    expect(detectGapPhrases('Here is the CSV you asked for. I have a tool to do that.')).toEqual([])
  })
})

describe('model answers', () => {
  it('accepts only the three skill files', () => {
    expect(parseFiles('<file path="../evil.sh">x</file>')).toMatch(/unexpected file/)
    expect(parseFiles('no files')).toMatch(/no <file path="SKILL.md">/)
    const files = parseFiles(
      '<file path="SKILL.md">\n---\nname: a\n---\n</file><file path="skill.py">\nx = 1\n</file>',
    )
    expect(typeof files === 'object' && Object.keys(files)).toEqual(['SKILL.md', 'skill.py'])
  })
})
