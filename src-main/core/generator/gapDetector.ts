import type { GapDetection, GenerationResult } from '../../contract/generator'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import { capabilityKey, type GapRecord, type GapRepository } from '../storage/gapRepository'
import type { ApprovalInbox } from '../trust/approvalInbox'
import type { GenerateRequest } from './skillGenerator'

const END = String.raw`([^.!?\n]{3,200})`

/** Explicit phrases agents use when they lack a capability; group 1 is the capability. */
const PHRASES: RegExp[] = [
  new RegExp(
    String.raw`\bI (?:do not|don't|dont) have (?:a|an|any) (?:tool|skill|function|way|capability) (?:to|for|that can|that could) ` +
      END,
    'gi',
  ),
  new RegExp(String.raw`\bno (?:skill|tool)s? (?:is |are )?available (?:to|for) ` + END, 'gi'),
  new RegExp(String.raw`\bcapability unavailable:\s*` + END, 'gi'),
  new RegExp(
    String.raw`\bI (?:lack|am missing|need) (?:a|an) (?:tool|skill) (?:to|for|that can) ` + END,
    'gi',
  ),
  new RegExp(String.raw`\bthere is no (?:tool|skill) (?:to|for|that can) ` + END, 'gi'),
]

export interface DetectedGap {
  capability: string
  /** The sentence the phrase was found in. */
  context: string
}

/** The capabilities named by explicit gap phrases in agent output, de-duplicated by capability key. */
export function detectGapPhrases(text: string): DetectedGap[] {
  const found = new Map<string, DetectedGap>()
  for (const pattern of PHRASES) {
    for (const match of text.matchAll(pattern)) {
      const capability = (match[1] ?? '').trim().replace(/[,;:]+$/, '')
      const key = capabilityKey(capability)
      if (!key || found.has(key)) continue
      const start = Math.max(0, text.lastIndexOf('\n', match.index) + 1)
      const end = text.indexOf('\n', match.index + match[0].length)
      found.set(key, {
        capability,
        context: text
          .slice(start, end === -1 ? undefined : end)
          .trim()
          .slice(0, 500),
      })
    }
  }
  return [...found.values()]
}

export interface GapServiceDeps {
  gaps: GapRepository
  inbox: ApprovalInbox
  clock: Clock
  generate: (request: GenerateRequest) => Promise<GenerationResult>
}

/** Records capability gaps and, when governance allows, turns each new one into a generated draft. */
export class GapService {
  constructor(private readonly deps: GapServiceDeps) {}

  list(): GapRecord[] {
    return this.deps.gaps.list()
  }

  /** Gap detection on agent (or user) output: record what is found, then act if governance allows. */
  async detect(text: string, requester: string): Promise<Omit<GapDetection, 'gaps'> & { gaps: GapRecord[] }> {
    const governance = this.deps.inbox.governance()
    if (!governance.gapDetection) {
      return { gaps: [], generations: [], note: 'gap detection is off (governance); nothing was recorded' }
    }
    const recorded = detectGapPhrases(text).map((gap) =>
      this.deps.gaps.record({ ...gap, trigger: 'agent-output', requester }, isoNow(this.deps.clock)),
    )
    const gaps = recorded.map((r) => r.gap)
    if (gaps.length === 0) return { gaps, generations: [], note: 'no capability gap found in the text' }
    const why = this.whyNotActing()
    if (why) return { gaps, generations: [], note: why }
    const generations: GenerationResult[] = []
    for (const gap of gaps.filter((g) => g.status === 'open')) generations.push(await this.act(gap))
    const note =
      generations.length === 0 ? 'these gaps were already handled; nothing new was generated' : null
    return { gaps: gaps.map((g) => this.deps.gaps.find(g.id) ?? g), generations, note }
  }

  /**
   * A person says what is missing. Recorded whatever the gap-detection switch says (that switch is
   * about reading agent output); the same capability again counts one more occurrence.
   */
  addHint(capability: string, context: string): GapRecord {
    return this.deps.gaps.record(
      { capability, context, trigger: 'user', requester: 'user' },
      isoNow(this.deps.clock),
    ).gap
  }

  /**
   * For the MCP endpoint: a client called a tool no skill serves. Records a gap (when detection is
   * on) and never generates by itself: the call came from an agent, not a person.
   */
  recordUnknownToolCall(tool: string, client: string, args: unknown): GapRecord | null {
    if (!this.deps.inbox.governance().gapDetection) return null
    const capability = tool.replace(/[_-]+/g, ' ').trim()
    const context = `unknown tool "${tool}" called with ${JSON.stringify(args ?? {}).slice(0, 400)}`
    return this.deps.gaps.record(
      { capability, context, trigger: 'unknown-tool', requester: client },
      isoNow(this.deps.clock),
    ).gap
  }

  private whyNotActing(): string | null {
    const g = this.deps.inbox.governance()
    if (g.mode === 'locked') return 'governance is locked: gaps are recorded, nothing is generated'
    if (!g.selfGeneration)
      return 'self-generation is off (governance): gaps are recorded, nothing is generated'
    return null
  }

  private async act(gap: GapRecord): Promise<GenerationResult> {
    const now = () => isoNow(this.deps.clock)
    this.deps.gaps.setStatus(gap.id, 'generating', now())
    try {
      const result = await this.deps.generate({
        intent: gap.capability,
        requester: gap.requester,
        reason: `capability gap (${gap.trigger}, asked by ${gap.requester}): ${gap.context || gap.capability}`,
        gapId: gap.id,
      })
      // A failed generation keeps its draft (an offline template, say): the gap has a draft, so the
      // same gap seen again must not pile up more drafts.
      const drafted = result.outcome === 'proposed' || (result.outcome === 'failed' && result.skill !== null)
      this.deps.gaps.setStatus(
        gap.id,
        drafted ? 'proposed' : result.outcome === 'existing' ? 'resolved' : 'open',
        now(),
      )
      return result
    } catch (err) {
      this.deps.gaps.setStatus(gap.id, 'open', now())
      throw AppError.from(err)
    }
  }
}
