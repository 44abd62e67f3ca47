import { skillEntry } from '@modelcontextprotocol/server/ext/skills'
import { parse as parseYaml } from 'yaml'
import { describe, expect, it } from 'vitest'
import {
  flatMetadataBlock,
  replaceMetadataBlock,
  unflattenMetadata,
} from '../../../../src-main/core/skills/metadataBlock'

const SKILL_MD =
  '\uFEFF---\r\nname: demo\r\ndescription: A demo.\r\nmetadata:\r\n  author: Ada\r\n  # who may call\r\n' +
  '  skilldock:\r\n    timeoutSeconds: 30\r\n    network: ["api.example.com"]\r\n  "yes": [1, 2]\r\n' +
  'license: MIT\r\n---\r\n# Demo\r\n\r\nBody: keep me.\r\n'
const metadata = parseYaml(SKILL_MD.slice(1).split('---')[1]!).metadata as Record<string, unknown>

describe('SKILL.md metadata for SEP-2640 entries', () => {
  it('flattens nested metadata into strings the SDK accepts, keeping every other line', async () => {
    const flat = replaceMetadataBlock(Buffer.from(SKILL_MD), flatMetadataBlock(metadata)!)!
    const entry = await skillEntry('demo', { 'SKILL.md': flat })
    expect(entry.frontmatter).toEqual({
      name: 'demo',
      description: 'A demo.',
      metadata: {
        author: 'Ada',
        skilldock: '{"timeoutSeconds":30,"network":["api.example.com"]}',
        yes: '[1,2]',
      },
      license: 'MIT',
    })
    expect(flat.toString()).toContain('\n  "yes": "[1,2]"\n')
    expect(flat.toString().endsWith('---\n# Demo\n\nBody: keep me.\n')).toBe(true)
  })

  it('turns flattened maps and lists back, leaving plain strings alone', () => {
    const flat = { author: 'Ada', skilldock: '{"timeoutSeconds":30}', note: '[not json', list: '[1,2]' }
    expect(unflattenMetadata(flat)).toEqual({
      author: 'Ada',
      skilldock: { timeoutSeconds: 30 },
      note: '[not json',
      list: [1, 2],
    })
  })

  it('leaves a file without a top-level metadata key alone', () => {
    expect(replaceMetadataBlock(Buffer.from('---\nname: a\n---\nmetadata: x\n'), ['metadata: {}'])).toBeNull()
    expect(flatMetadataBlock(['a'])).toBeNull()
  })
})
