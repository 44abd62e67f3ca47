import type { ToolInfo } from '../../contract/models'
import type { RouteFeedback } from '../../contract/routing'
import { queryConcepts, queryTerms, similarity, terms } from './terms'

/** What the ranker knows of one candidate skill. */
export interface SkillDocument {
  name: string
  description: string
  tags: string[]
  category: string | null
  instructions: string
  /** Tool names declared in the manifest (known before the server ever ran). */
  declaredTools: string[]
  /** BM25 score of the catalog search for this query (0 when the search did not return it). */
  searchScore: number
}

export interface RankedSkill {
  name: string
  score: number
  matched: string[]
  feedback: RouteFeedback | null
  /**
   * The share (0–1) of the query's own words this skill covers in its name, tags, description or
   * tool names (a word found only in the instructions counts half).
   */
  coverage: number
}

export interface RankedTool {
  tool: ToolInfo
  score: number
  matched: string[]
}

/** Field weights: a word in a skill's name says more than one deep in its instructions. */
const FIELD_WEIGHTS = { name: 3, tags: 2, description: 1.5, tools: 1.2, instructions: 0.5 } as const
type Field = keyof typeof FIELD_WEIGHTS

/** Feedback at or above this similarity to the query counts. */
export const FEEDBACK_SIMILARITY = 0.5
/** Enough to outweigh the lexical score: a person said so. */
const FEEDBACK_WEIGHT = 20

function fieldsOf(doc: SkillDocument): Record<Field, Set<string>> {
  return {
    name: new Set(terms(doc.name)),
    tags: new Set(terms([...doc.tags, doc.category ?? ''].join(' '))),
    description: new Set(terms(doc.description)),
    tools: new Set(terms(doc.declaredTools.join(' '))),
    instructions: new Set(terms(doc.instructions)),
  }
}

/**
 * Scores skills for a query: each query term adds its rarity among the candidates (IDF) times the
 * weight of the best field it appears in; the catalog's BM25 rank adds a little; a matching
 * correction from a person adds a lot.
 */
export function rankSkills(query: string, docs: SkillDocument[], feedback: RouteFeedback[]): RankedSkill[] {
  const qTerms = queryTerms(query)
  const fields = new Map(docs.map((d) => [d.name, fieldsOf(d)]))
  const df = new Map<string, number>()
  for (const f of fields.values()) {
    const all = new Set(Object.values(f).flatMap((s) => [...s]))
    for (const t of qTerms) if (all.has(t)) df.set(t, (df.get(t) ?? 0) + 1)
  }
  const concepts = queryConcepts(query)
  const topSearch = Math.max(0, ...docs.map((d) => d.searchScore))
  const n = docs.length
  return docs
    .map((doc) => {
      const f = fields.get(doc.name)!
      let score = 0
      const matched: string[] = []
      for (const t of qTerms) {
        const weight = Math.max(
          0,
          ...(Object.keys(f) as Field[]).map((k) => (f[k].has(t) ? FIELD_WEIGHTS[k] : 0)),
        )
        if (weight === 0) continue
        score += Math.log(1 + n / (df.get(t) ?? 1)) * weight
        matched.push(t)
      }
      if (topSearch > 0) score += doc.searchScore / topSearch
      let best: RouteFeedback | null = null
      let bestSimilarity = 0
      for (const entry of feedback) {
        if (entry.skill !== doc.name) continue
        const s = similarity(query, entry.query)
        if (s >= FEEDBACK_SIMILARITY && s > bestSimilarity) [best, bestSimilarity] = [entry, s]
      }
      if (best) score += FEEDBACK_WEIGHT * bestSimilarity
      const strong = (t: string) => f.name.has(t) || f.tags.has(t) || f.description.has(t) || f.tools.has(t)
      const all = (t: string) => strong(t) || f.instructions.has(t)
      // A word only the long instructions mention counts half: they mention many stray words.
      const covered = concepts.reduce((n, g) => n + (g.some(strong) ? 1 : g.some(all) ? 0.5 : 0), 0)
      const coverage = concepts.length === 0 ? 0 : covered / concepts.length
      return { name: doc.name, score, matched, feedback: best, coverage }
    })
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
}

/**
 * Scores a skill's tools for a query: terms in the tool's name, description and argument names;
 * `argumentFit` (0–1, how many required arguments the query supplies) breaks ties between tools
 * that read alike.
 */
export function rankTools(
  query: string,
  tools: ToolInfo[],
  argumentFit: (tool: ToolInfo) => number,
  preferred: string | null,
): RankedTool[] {
  // The kind of file a path names chose the skill already; among its tools it only adds noise.
  const qTerms = queryTerms(query, false)
  const df = new Map<string, number>()
  const docs = tools.map((tool) => {
    const props = Object.keys((tool.inputSchema.properties ?? {}) as Record<string, unknown>)
    const firstLines = tool.description.split(/\n\s*\n/)[0] ?? ''
    const doc = {
      name: new Set(terms(tool.name)),
      args: new Set(terms(props.join(' '))),
      description: new Set(terms(firstLines)),
      rest: new Set(terms(tool.description)),
    }
    for (const t of qTerms) {
      if (doc.name.has(t) || doc.args.has(t) || doc.description.has(t) || doc.rest.has(t))
        df.set(t, (df.get(t) ?? 0) + 1)
    }
    return { tool, doc }
  })
  const n = tools.length
  return docs
    .map(({ tool, doc }) => {
      let score = 0
      const matched: string[] = []
      for (const t of qTerms) {
        const weight = doc.name.has(t)
          ? 3
          : doc.description.has(t)
            ? 1.5
            : doc.args.has(t)
              ? 1.2
              : doc.rest.has(t)
                ? 0.4
                : 0
        if (weight === 0) continue
        score += Math.log(1 + n / (df.get(t) ?? 1)) * weight
        matched.push(t)
      }
      score += argumentFit(tool)
      if (preferred === tool.name) score += FEEDBACK_WEIGHT
      return { tool, score, matched }
    })
    .sort((a, b) => b.score - a.score || a.tool.name.localeCompare(b.tool.name))
}
