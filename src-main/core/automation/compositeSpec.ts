import { stringify } from 'yaml'
import type { CompositeStep } from '../../contract/automation'
import type { ToolInfo } from '../../contract/models'
import { AppError } from '../base/appError'

/** A composite's plan: groups in sequence; the steps of one group run in parallel. */
export type CompositePlan = CompositeStep[][]

/** The one tool a composite skill exposes. */
export const COMPOSITE_TOOL = 'run'
/** Parallel steps of one group run at most this many at a time. */
export const COMPOSITE_CONCURRENCY = 4

const STEP = /^([a-z0-9][a-z0-9-]*)\/([A-Za-z0-9_.-]+)$/

/** Parses `--step` values: `skill/tool`, or `a/t|b/t` for a parallel group. */
export function parseSteps(specs: readonly string[]): CompositePlan {
  return specs.map((spec) =>
    spec.split('|').map((part) => {
      const match = STEP.exec(part.trim())
      if (!match?.[1] || !match[2]) {
        throw new AppError(
          'INVALID_INPUT',
          `"${part.trim()}" is not a step; write <skill>/<tool> (for example text-stats/top_words), and join parallel steps with "|".`,
        )
      }
      return { skill: match[1], tool: match[2] }
    }),
  )
}

export const stepLabel = (s: CompositeStep) => `${s.skill}/${s.tool}`

/** The plan stored in a skill's frontmatter (`metadata.skilldock.composite.steps`), or null. */
export function planFromFrontmatter(frontmatter: Record<string, unknown>): CompositePlan | null {
  const metadata = frontmatter.metadata
  const skilldock = isMap(metadata) ? metadata.skilldock : undefined
  const composite = isMap(skilldock) ? skilldock.composite : undefined
  if (!isMap(composite) || !Array.isArray(composite.steps)) return null
  try {
    return parseSteps(composite.steps.map((g) => (Array.isArray(g) ? g.map(String).join('|') : String(g))))
  } catch {
    return null
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The composite's tool as MCP clients see it. */
export function compositeTool(description: string): ToolInfo {
  return {
    name: COMPOSITE_TOOL,
    description: `${description} Pass the arguments the first step needs; the result holds every step's output.`,
    inputSchema: { type: 'object', additionalProperties: true },
  }
}

export function describePlan(plan: CompositePlan): string {
  return plan
    .map((group) =>
      group.length === 1 ? `${stepLabel(group[0]!)}` : `in parallel: ${group.map(stepLabel).join(', ')}`,
    )
    .join(', then ')
}

/** The generated SKILL.md of a composite: the plan in frontmatter and the data-flow rule in prose. */
export function compositeSkillMd(name: string, plan: CompositePlan, description?: string): string {
  const summary = description ?? `Runs ${describePlan(plan)}.`
  const frontmatter = {
    name,
    description: summary,
    version: '1.0.0',
    tools: [COMPOSITE_TOOL],
    tags: ['composite'],
    metadata: {
      skilldock: {
        composite: { steps: plan.map((group) => group.map(stepLabel)), concurrency: COMPOSITE_CONCURRENCY },
      },
    },
  }
  const steps = plan
    .map(
      (group, i) =>
        `${i + 1}. ${group.length === 1 ? `\`${stepLabel(group[0]!)}\`` : `in parallel: ${group.map((s) => `\`${stepLabel(s)}\``).join(', ')}`}`,
    )
    .join('\n')
  return `---
${stringify(frontmatter, { lineWidth: 0 }).trimEnd()}
---
# ${name}

A composite skill made with \`skilldock compose\`. Its one tool, \`${COMPOSITE_TOOL}\`, runs these steps:

${steps}

## How data flows

- The first step (or group) gets the arguments given to \`${COMPOSITE_TOOL}\`.
- Every later step gets those same arguments, updated with what the previous step (or group)
  produced: the fields of its structured result (or of its text, when that is a JSON object) are
  merged in, and \`text\` is set to its text output. So a tool that takes \`text\` reads the previous
  step's text.
- The steps of a parallel group (written \`a/t|b/t\`) run at the same time, at most
  ${COMPOSITE_CONCURRENCY} at once, and get the same arguments. Their fields are merged in step
  order, their texts joined by blank lines.
- The result's \`output\` is the last step's output; for a final parallel group it is an object
  keyed by \`skill/tool\`. \`steps\` lists every step with its output, duration and outcome.
- A step that fails stops the run; the result is an error naming the step.

Every step is an ordinary tool call: the call policies, permissions and rate limits of its own
skill apply.
`
}
