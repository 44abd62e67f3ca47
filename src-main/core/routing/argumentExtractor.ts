import { stem, words } from './terms'

/** One property of a tool's input schema, as the extractor needs it. */
export interface ToolParameter {
  name: string
  type: 'string' | 'number' | 'integer' | 'boolean' | 'array' | 'object' | 'unknown'
  required: boolean
  description: string
  /** Allowed values: the schema's `enum`, or a "One of a, b, c" list in the description. */
  choices: string[]
}

/** Reads the parameters of a JSON Schema object, with descriptions from the tool's docstring `Args:` block. */
export function parameters(schema: Record<string, unknown>, toolDescription = ''): ToolParameter[] {
  const props = (schema.properties ?? {}) as Record<string, Record<string, unknown>>
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : [])
  const docs = argumentDocs(toolDescription)
  return Object.entries(props).map(([name, prop]) => {
    const description = [typeof prop.description === 'string' ? prop.description : '', docs.get(name) ?? '']
      .join(' ')
      .trim()
    const listed = /\bone of ([^.;]+)/i.exec(description)?.[1]
    const choices = Array.isArray(prop.enum)
      ? prop.enum.map(String)
      : listed
        ? listed
            .split(/,|\bor\b/)
            .map((c) => c.trim())
            .filter((c) => /^[\w-]+$/.test(c))
        : []
    return { name, type: typeOf(prop), required: required.has(name), description, choices }
  })
}

function typeOf(prop: Record<string, unknown>): ToolParameter['type'] {
  const direct = prop.type
  const candidates = Array.isArray(direct)
    ? direct
    : typeof direct === 'string'
      ? [direct]
      : Array.isArray(prop.anyOf)
        ? (prop.anyOf as Record<string, unknown>[]).map((p) => p.type)
        : []
  const type = candidates.find((t) => typeof t === 'string' && t !== 'null')
  return ['string', 'number', 'integer', 'boolean', 'array', 'object'].includes(String(type))
    ? (type as ToolParameter['type'])
    : 'unknown'
}

/** `Args:` lines of a Python docstring: `name: what it is` (continuation lines appended). */
function argumentDocs(description: string): Map<string, string> {
  const docs = new Map<string, string>()
  const block = /\bArgs:\s*\n([\s\S]*?)(?:\n\s*\n|$)/.exec(description)?.[1] ?? ''
  let current: string | null = null
  for (const line of block.split('\n')) {
    const match = /^\s*(\w+):\s*(.*)$/.exec(line)
    if (match?.[1]) {
      current = match[1]
      docs.set(current, match[2] ?? '')
    } else if (current) docs.set(current, `${docs.get(current) ?? ''} ${line.trim()}`)
  }
  return docs
}

/** Values found in a query, each usable once. */
interface Spans {
  quoted: string[]
  json: string[]
  paths: string[]
  sql: string | null
  jsonPath: string | null
  afterColon: string | null
  conversion: { value: number; from: string; to: string } | null
  table: string | null
  since: string | null
  rest: string
}

const QUOTED = /"([^"]+)"|“([^”]+)”|'([^']{2,})'|`([^`]+)`/g
const PATH =
  /(?:^|[\s(=])((?:~|\.{1,2})?\/[^\s"'`,;)]+|[A-Za-z]:\\[^\s"'`,;]+|[\w.-]+\.(?:csv|tsv|db|sqlite3?|json|txt|md))/g

/** Finds the first balanced `{…}` or `[…]` that parses as JSON. */
function findJson(text: string): string[] {
  const found: string[] = []
  for (let i = 0; i < text.length; i++) {
    const open = text[i]
    if (open !== '{' && open !== '[') continue
    const close = open === '{' ? '}' : ']'
    let depth = 0
    let inString = false
    for (let j = i; j < text.length; j++) {
      const ch = text[j]
      if (inString) {
        if (ch === '\\') j++
        else if (ch === '"') inString = false
        continue
      }
      if (ch === '"') inString = true
      else if (ch === open) depth++
      else if (ch === close && --depth === 0) {
        const candidate = text.slice(i, j + 1)
        try {
          JSON.parse(candidate)
          found.push(candidate)
          i = j
        } catch {
          // Not JSON (e.g. a path like items[0]); keep scanning.
        }
        break
      }
    }
  }
  return found
}

const CONNECTOR = /\s+(?:to|in|into|as)\s+/i

function findConversion(text: string): Spans['conversion'] {
  const clean = text.replace(/[?!]+\s*$/, '').replace(/\.\s*$/, '')
  // "how many miles is 10 km" / "how many GiB are in 500 GB"
  const howMany = /how many\s+(.+?)\s+(?:is|are|in|make|makes)\s+(?:in\s+)?(-?\d+(?:\.\d+)?)\s*(.+)$/i.exec(
    clean,
  )
  if (howMany?.[1] && howMany[2] && howMany[3]) {
    return { value: Number(howMany[2]), from: howMany[3].trim(), to: howMany[1].trim() }
  }
  const direct = /(-?\d+(?:\.\d+)?)\s*([^\d\s].*)$/.exec(clean)
  if (!direct?.[1] || !direct[2]) return null
  const parts = direct[2].split(CONNECTOR)
  if (parts.length < 2) return null
  const from = parts[0]?.trim() ?? ''
  const to = (
    parts
      .slice(1)
      .join(' ')
      .trim()
      .split(/\s+(?:please|for me)\b/i)[0] ?? ''
  ).trim()
  if (!from || !to || from.split(/\s+/).length > 3 || to.split(/\s+/).length > 3) return null
  return { value: Number(direct[1]), from, to }
}

function findSpans(query: string): Spans {
  let rest = query
  const take = (value: string) => {
    rest = rest.replace(value, ' ')
    return value
  }
  const json = findJson(query).map(take)
  const quoted = [...rest.matchAll(QUOTED)].map((m) => take(m[0]) && (m[1] ?? m[2] ?? m[3] ?? m[4] ?? ''))
  const sqlMatch = /\b(SELECT|WITH|EXPLAIN|PRAGMA|VALUES)\b[\s\S]*$/.exec(rest)
  let sql: string | null = null
  if (sqlMatch) {
    // "run SELECT … on /data/app.db": the trailing path is the database, not SQL.
    sql = sqlMatch[0].replace(/\s+(?:on|in|against|from)\s+(\S*[/\\.]\S*)\s*$/i, '').trim()
    take(sql)
  }
  const paths = [...rest.matchAll(PATH)].map((m) => take(m[1] ?? '')).map((p) => p.replace(/[.?!:]+$/, ''))
  const jsonPathMatch =
    /\bpath\s+([\w$][\w$.*[\]:-]*)/i.exec(rest) ??
    /(?:^|\s)([\w$]+(?:\[[^\]\s]*\]|\.[\w*]+)*(?:\[[^\]\s]*\]|\.\*)(?:\[[^\]\s]*\]|\.[\w*]+)*)/.exec(rest) ??
    // "extract a", "get the name field from …": a bare key after a verb of taking is the path.
    /\b(?:extract|get|pull|take|select)\s+(?:the\s+)?(?:(?:value|field|key)\s+(?:of\s+)?)?["'`]?([\w$][\w$.-]*)["'`]?(?:\s+(?:field|key|value|property))?\s*(?:$|\s+(?:from|of|in|out)\b)/i.exec(
      rest,
    )
  const jsonPath = jsonPathMatch?.[1] ? take(jsonPathMatch[1]) : null
  const colon = /:\s*([\s\S]{3,})$/.exec(rest)
  const table =
    /\bthe\s+["`]?([A-Za-z_][\w]*)["`]?\s+(?:table|view)\b/i.exec(rest)?.[1] ??
    /\b(?:table|view)\s+(?!(?:in|of|from|on|at|for|and)\b)["`]?([A-Za-z_][\w]*)/i.exec(rest)?.[1] ??
    null
  const since =
    /\b(since\s+\S+(?:\s+ago)?|this week|last week|this month|last month|yesterday|today|\d+\s+(?:days?|weeks?|months?)\s+ago)\b/i.exec(
      rest,
    )?.[1]
  return {
    quoted,
    json,
    paths,
    sql,
    jsonPath,
    afterColon: colon?.[1]?.trim() ?? null,
    conversion: findConversion(query),
    table,
    since: since ? normalizeSince(since) : null,
    rest,
  }
}

function normalizeSince(phrase: string): string {
  const p = phrase.toLowerCase().replace(/^since\s+/, '')
  if (p === 'this week' || p === 'last week') return '1 week ago'
  if (p === 'this month' || p === 'last month') return '1 month ago'
  if (p === 'today') return 'midnight'
  return p
}

const hasWord = (name: string, ...options: string[]) => options.some((o) => words(name).includes(o))

/** The words a number for this parameter sits next to: its name, title and the nouns its doc starts with. */
function numberKeywords(p: ToolParameter): string[] {
  const doc = words(p.description).filter(
    (w) => w.length > 3 && !/^(number|maximum|many|back|spaces|with)$/.test(w),
  )
  return [...new Set([...words(p.name), ...doc.slice(0, 4)].map(stem))]
}

function numberFor(p: ToolParameter, query: string, used: Set<string>): number | undefined {
  const keys = numberKeywords(p)
  const tokens = query.toLowerCase().match(/-?\d+(?:\.\d+)?|[\p{L}]+/gu) ?? []
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] ?? ''
    if (!/^-?\d/.test(token) || used.has(`${i}`)) continue
    const near = [tokens[i + 1], tokens[i + 2], tokens[i - 1]].filter((t): t is string => !!t).map(stem)
    if (near.some((t) => keys.includes(t))) {
      used.add(`${i}`)
      return Number(token)
    }
  }
  return undefined
}

export interface ExtractedArguments {
  arguments: Record<string, unknown>
  /** Required parameters the query did not give. */
  missing: string[]
}

/**
 * Works out tool arguments from the words of a query without a model: paths, quoted text, JSON,
 * SQL, "N unit to unit", numbers next to the parameter's own words, listed choices.
 */
export function extractArguments(query: string, params: ToolParameter[]): ExtractedArguments {
  const spans = findSpans(query)
  const args: Record<string, unknown> = {}
  const usedNumbers = new Set<string>()
  const paths = [...spans.paths]
  const json = [...spans.json]
  const quoted = [...spans.quoted]
  const ordered = [...params].sort((a, b) => Number(b.required) - Number(a.required))
  const lowerQuery = query.toLowerCase()

  for (const p of ordered) {
    const desc = p.description.toLowerCase()
    if (p.type === 'string' || p.type === 'unknown') {
      if (spans.conversion && hasWord(p.name, 'from')) args[p.name] = spans.conversion.from
      else if (spans.conversion && hasWord(p.name, 'to')) args[p.name] = spans.conversion.to
      else if (hasWord(p.name, 'sql', 'statement') && spans.sql) args[p.name] = spans.sql
      else if (hasWord(p.name, 'table') && spans.table) args[p.name] = spans.table
      else if (hasWord(p.name, 'since') && spans.since) args[p.name] = spans.since
      else if (hasWord(p.name, 'path') && /json|dotted|bracket/.test(desc) && spans.jsonPath)
        args[p.name] = spans.jsonPath
      else if (hasWord(p.name, 'path', 'file', 'folder', 'dir', 'directory') && paths.length > 0) {
        if (p.name === 'file' && !p.required && paths.length < 2) continue
        const preferred = paths.findIndex((path) => {
          const ext = /\.(\w+)$/.exec(path)?.[1]?.toLowerCase()
          return ext !== undefined && desc.includes(ext.replace(/3$/, ''))
        })
        args[p.name] = paths.splice(Math.max(0, preferred), 1)[0]
      } else if (hasWord(p.name, 'document', 'json', 'schema', 'payload', 'data') && json.length > 0)
        args[p.name] = json.shift()
      else if (hasWord(p.name, 'text', 'content', 'body', 'input', 'message', 'document')) {
        const value =
          quoted.shift() ?? (p.required || Object.keys(args).length === 0 ? spans.afterColon : null)
        if (value && !(p.required === false && args.path !== undefined)) args[p.name] = value
      } else if (p.choices.length > 0) {
        const choice = p.choices.find((c) => new RegExp(`\\b${c}\\b`, 'i').test(lowerQuery))
        if (choice) args[p.name] = choice
      }
    } else if (p.type === 'number' || p.type === 'integer') {
      if (spans.conversion && hasWord(p.name, 'value', 'amount', 'quantity'))
        args[p.name] = spans.conversion.value
      else {
        const n = numberFor(p, query, usedNumbers)
        if (n !== undefined && (p.type === 'number' || Number.isInteger(n))) args[p.name] = n
      }
    } else if (p.type === 'boolean') {
      const nameStems = words(p.name).map(stem)
      const queryStems = words(query).map(stem)
      if (nameStems.length > 0 && nameStems.every((s) => queryStems.includes(s))) {
        const negated = new RegExp(`\\b(no|without|don'?t)\\s+(\\w+\\s+)?${words(p.name)[0] ?? ''}`, 'i')
        args[p.name] = !negated.test(query)
      }
    }
  }
  // A required number nobody claimed: the first number in the query.
  for (const p of ordered) {
    if (!p.required || args[p.name] !== undefined || (p.type !== 'number' && p.type !== 'integer')) continue
    const n = /-?\d+(?:\.\d+)?/.exec(spans.rest)?.[0]
    if (n !== undefined) args[p.name] = Number(n)
  }
  const missing = params.filter((p) => p.required && args[p.name] === undefined).map((p) => p.name)
  return { arguments: args, missing }
}
