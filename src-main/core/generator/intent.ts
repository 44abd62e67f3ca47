import { queryConcepts, terms } from '../routing/terms'

/** Words of an intent that carry no meaning for naming or matching. */
const STOPWORDS = new Set(
  `a an the to for of in on at by with from into and or but that which this these those some any
  me my i we you it its is are be can could would should please want need needs make create write
  build skill tool tools something thing things way using use via as so than then there their your`
    .split(/\s+/)
    .filter(Boolean),
)

/** Lowercase ASCII words of a text, accents removed. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
}

/** The content words of an intent, in order, without duplicates. */
export function contentWords(text: string): string[] {
  return [...new Set(words(text).filter((w) => !STOPWORDS.has(w)))]
}

/** A crude stem: enough that "counts", "counting" and "count" compare equal. */
export function stem(word: string): string {
  return word
    .replace(/(?:ing|ed|es|s)$/, '')
    .replace(/(.)\1$/, '$1')
    .slice(0, 8)
}

/** A kebab-case skill name (1–64 chars, spec rules) from an intent. */
export function skillNameFor(intent: string): string {
  const name = contentWords(intent).slice(0, 4).join('-').slice(0, 48).replace(/-+$/, '')
  return /^[a-z0-9]/.test(name) ? name : `generated-skill`
}

/**
 * How well a skill's name, description and tags cover an intent, 0–1: the share of the intent's
 * content words (stemmed) found in them. BM25 ranks candidates; this makes the threshold
 * comparable across queries.
 */
export function coverage(intent: string, skillText: string): number {
  const wanted = contentWords(intent).map(stem)
  if (wanted.length === 0) return 0
  const have = new Set(words(skillText).map(stem))
  return wanted.filter((w) => have.has(w)).length / wanted.length
}

/**
 * How well a skill covers an intent, 0–1, read the way routing reads queries: each meaningful word of
 * the intent (with the related words people mean by it, stemmed alike) must appear in the skill's
 * name, description, tags, tool names or tool descriptions.
 */
export function skillCoverage(intent: string, skillText: string): number {
  const concepts = queryConcepts(intent)
  if (concepts.length === 0) return 0
  const have = new Set(terms(skillText))
  return concepts.filter((group) => group.some((t) => have.has(t))).length / concepts.length
}
