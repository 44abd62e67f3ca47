/** Words that say nothing about which skill is meant. */
const STOPWORDS = new Set(
  (
    'a an the and or but if then else of to in into on onto at by for from with without about as is are was ' +
    'were be been being am do does did done have has had having i me my mine we us our you your it its this ' +
    'that these those there here what which who whom whose when where why how can could would should will ' +
    'shall may might must please tell show give get let make want need just also some any all each every ' +
    'much many more most than so such very really quick quickly now using use via up out over under again ' +
    'thing things something stuff one ones okay ok hey hi'
  ).split(' '),
)

/**
 * A few words people use for the same idea as the skill texts do. Kept general (vocabulary, not
 * answers): each query word also counts as the words it maps to.
 */
const RELATED: Record<string, string[]> = {
  repo: ['repository'],
  repos: ['repository'],
  pr: ['pull', 'request'],
  prs: ['pull', 'request'],
  db: ['database', 'sqlite'],
  sqlite3: ['sqlite'],
  sql: ['query', 'sqlite'],
  spreadsheet: ['csv'],
  tsv: ['csv'],
  missing: ['null'],
  empty: ['null'],
  blank: ['null'],
  columns: ['column'],
  contributors: ['author'],
  contributor: ['author'],
  authors: ['author'],
  changelog: ['release', 'notes'],
  long: ['length', 'time'],
  overuse: ['frequent', 'repeat'],
  repeated: ['frequent', 'repeat'],
  often: ['frequent'],
  readable: ['readability'],
  easy: ['readability'],
  beautify: ['pretty', 'format'],
  prettify: ['pretty', 'format'],
  indent: ['format'],
  reformat: ['format'],
  minify: ['minifies', 'format'],
  compact: ['minifies', 'format'],
  check: ['validate'],
  verify: ['validate'],
  extract: ['query'],
  pull: ['query'],
  fields: ['query'],
  field: ['query'],
  rows: ['row'],
  preview: ['first', 'rows'],
  head: ['first', 'rows', 'preview'],
  peek: ['preview'],
  active: ['activity'],
  busy: ['activity'],
  changed: ['change', 'commit'],
  history: ['commit'],
  log: ['commit', 'history'],
  frontmatter: ['skill'],
  authoring: ['skill', 'write'],
  summarize: ['profile', 'summary'],
  average: ['mean', 'statistics'],
  mean: ['statistics'],
  schema: ['columns'],
  summarise: ['profile', 'summary'],
  overview: ['profile', 'summary'],
  kilobyte: ['byte'],
  megabyte: ['byte'],
  gigabyte: ['byte'],
  terabyte: ['byte'],
  kibibyte: ['byte'],
  mebibyte: ['byte'],
  gibibyte: ['byte'],
  tebibyte: ['byte'],
}

/** Phrases made only of stopwords that still say what is wanted. */
const PHRASES: [RegExp, string[]][] = [
  [/\bhow many\b/i, ['count']],
  [/\bread(?:ing)?\s+(?:level|ease|grade|score)\b/i, ['readability']],
  [/\bhow much\b/i, ['count']],
  [/\blook(?:ing)?\s+up\b/i, ['query', 'search']],
  [/\bwho\b/i, ['author']],
  [/\bwhat changed\b/i, ['change']],
  [/\b(?:which|what)\b.*\b(?:can|available|supported|exist|are there)\b/i, ['list', 'supported']],
]

/** Unit symbols and names: a query holding a number with one of these is about a measurement. */
const UNIT_WORDS = new Set(
  (
    'km m cm mm mi mile miles yard yards yd ft feet foot inch inches meter meters metre metres kilometer ' +
    'kilometers kilometre kilometres kg g mg lb lbs pound pounds oz ounce ounces ton tons tonne tonnes ' +
    'c f k celsius fahrenheit kelvin degc degf °c °f l ml liter liters litre litres gal gallon gallons ' +
    'cup cups pint pints quart quarts kb mb gb tb kib mib gib tib bytes byte bits bit mph kmh km/h kph knots ' +
    'psi bar pa kpa atm hpa j kj cal kcal kwh wh acres acre hectare hectares sqft'
  ).split(' '),
)

/** A light suffix stemmer: the same word in different forms gives the same stem. */
export function stem(word: string): string {
  let w = word
  if (w.length > 4 && w.endsWith('ies')) w = w.slice(0, -3) + 'y'
  else if (w.length > 4 && w.endsWith('sses')) w = w.slice(0, -2)
  else if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1)
  if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3)
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2)
  else if (w.length > 5 && w.endsWith('er')) w = w.slice(0, -2)
  else if (w.length > 5 && w.endsWith('ly')) w = w.slice(0, -2)
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

/** Lower-case words of a text (letters and digits), `snake_case` and `kebab-case` split apart. */
export function words(text: string): string[] {
  return (
    text
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .match(/[\p{L}\p{N}]+/gu) ?? []
  )
}

/** The stems of a text's meaningful words, de-duplicated. */
export function terms(text: string): string[] {
  const out = new Set<string>()
  for (const w of words(text)) {
    if (STOPWORDS.has(w) || /^\d+$/.test(w)) continue
    out.add(stem(w))
  }
  return [...out]
}

/**
 * The part of a query that says what is wanted, not what to work on: quoted text and inline JSON
 * are content and dropped; a path becomes its kind ("csv file", "folder").
 */
export function intentText(query: string, pathKinds = true): string {
  return query
    .replace(
      /\b(?:select\s+[\s\S]+?\s+from\s+[\w"`]+|with\s+\w+\s+as\s*\(|pragma\s+\w+|explain\s+select)/gi,
      ' sql query ',
    )
    .replace(/"[^"]*"|“[^”]*”|`[^`]*`/g, ' text ')
    .replace(/[{[][\s\S]*[}\]]/g, (m) => (/^[{[]\s*["{[\]\d-]/.test(m) ? ' json ' : m))
    .replace(/(?:~|\.{1,2})?\/[^\s"'`,;)]+/g, (path) => {
      const ext = /\.([a-z0-9]+)$/i.exec(path.replace(/[.?!:]+$/, ''))?.[1]
      if (!pathKinds) return ' '
      return ext ? ` ${ext} file ` : ' folder '
    })
}

/** Query terms plus the related words people mean by them; `pathKinds: false` drops paths entirely. */
export function queryTerms(rawQuery: string, pathKinds = true): string[] {
  const query = intentText(rawQuery, pathKinds)
  const out = new Set(terms(query))
  for (const w of words(query)) for (const related of RELATED[w] ?? []) out.add(stem(related))
  for (const [phrase, related] of PHRASES) if (phrase.test(query)) for (const r of related) out.add(stem(r))
  if (mentionsMeasurement(query)) {
    out.add(stem('convert'))
    out.add(stem('units'))
  }
  return [...out]
}

/**
 * The query's own meaningful words, each with the stems that stand for it (itself and the related
 * words people mean by it): what a skill must cover for the query to be about it.
 */
export function queryConcepts(rawQuery: string): string[][] {
  const query = intentText(rawQuery)
  const measurement = mentionsMeasurement(query)
  const concepts = new Map<string, Set<string>>()
  const add = (w: string) => {
    // Single letters say nothing on their own ("what's"); a unit in a measurement is the measurement.
    if (STOPWORDS.has(w) || /^\d+$/.test(w) || w.length < 2 || (measurement && UNIT_WORDS.has(w))) return
    const group = concepts.get(stem(w)) ?? new Set([stem(w)])
    for (const related of RELATED[w] ?? []) group.add(stem(related))
    concepts.set(stem(w), group)
  }
  for (const w of words(query)) add(w)
  // A phrase ("reading level") stands for its related words through each of its own words.
  for (const [phrase, related] of PHRASES) {
    const match = phrase.exec(query)
    if (!match) continue
    const group = new Set(related.map(stem))
    const own = words(match[0]).filter((w) => concepts.has(stem(w)))
    if (own.length === 0) concepts.set(`#${related.join(' ')}`, group)
    for (const w of own) for (const r of group) concepts.get(stem(w))!.add(r)
  }
  // A number with a unit is a measurement: converting is what it asks for, whatever the words.
  if (measurement) concepts.set('#measurement', new Set([stem('convert'), stem('units')]))
  return [...concepts.values()].map((g) => [...g])
}

/** True when the query pairs a number with a unit ("10 km", "72 °F", "500 GB"). */
export function mentionsMeasurement(query: string): boolean {
  const re = /(-?\d+(?:\.\d+)?)\s*(°?[a-zµ/²³]+)/giu
  for (const match of query.matchAll(re)) {
    if (UNIT_WORDS.has((match[2] ?? '').toLowerCase())) return true
  }
  return false
}

/** How much two queries share: the overlap of their terms relative to the smaller one (0–1). */
export function similarity(a: string, b: string): number {
  const x = new Set(terms(intentText(a)))
  const y = new Set(terms(intentText(b)))
  if (x.size === 0 || y.size === 0) return 0
  let shared = 0
  for (const t of x) if (y.has(t)) shared++
  // Dice coefficient: two sentences differing by one word still score high; unrelated ones near 0.
  return (2 * shared) / (x.size + y.size)
}
