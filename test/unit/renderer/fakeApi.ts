import type {
  Approval,
  CallRequest,
  EventName,
  EventPayload,
  GenerationResult,
  LlmConfig,
  RouteInput,
  RouteName,
  RouteOutput,
  RuntimeStatus,
  ScanFinding,
  SkillDetail,
  SkillSummary,
} from '../../../src-main/contract'
import { trustInWords } from '../../../src-main/contract/runMode'
import { BridgeError, type ApiClient } from '../../../src-renderer/api/client'

type Handler<N extends RouteName> = (input: RouteInput<N>) => RouteOutput<N> | Promise<RouteOutput<N>>
export type FakeHandlers = { [N in RouteName]?: Handler<N> }

/** An in-memory ApiClient: routes answered by handlers, every call recorded, events emitted by hand. */
export interface FakeApi extends ApiClient {
  calls: Array<{ route: RouteName; input: unknown }>
  callsTo<N extends RouteName>(route: N): Array<RouteInput<N>>
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void
}

export function createFakeApi(handlers: FakeHandlers): FakeApi {
  const calls: FakeApi['calls'] = []
  const listeners = new Map<string, Set<(payload: unknown) => void>>()
  return {
    transport: 'ipc',
    calls,
    callsTo<N extends RouteName>(route: N) {
      return calls.filter((call) => call.route === route).map((call) => call.input as RouteInput<N>)
    },
    async invoke<N extends RouteName>(route: N, input: RouteInput<N>): Promise<RouteOutput<N>> {
      calls.push({ route, input })
      const handler = handlers[route] as Handler<N> | undefined
      if (!handler) throw new BridgeError({ code: 'INTERNAL', message: `no fake for ${route}` })
      return handler(input)
    },
    on(event, callback) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      const listener = callback as (payload: unknown) => void
      set.add(listener)
      return () => set.delete(listener)
    },
    onUnauthorized() {
      return () => {}
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? []) listener(payload)
    },
  }
}

export function makeSummary(overrides: Partial<SkillSummary> & { name: string }): SkillSummary {
  return {
    version: '1.0.0',
    description: `The ${overrides.name} skill.`,
    state: 'active',
    origin: 'library',
    trust: 'trusted',
    source: 'local',
    eligible: true,
    ineligibleReasons: [],
    risk: 'LOW',
    valid: true,
    hasServer: false,
    tags: [],
    category: null,
    emoji: null,
    deprecation: null,
    ...overrides,
  }
}

export function makeDetail(summary: SkillSummary, overrides: Partial<SkillDetail> = {}): SkillDetail {
  return {
    ...summary,
    path: `/home/me/SkillDock/skills/${summary.name}`,
    fingerprint: 'sha256:0123456789abcdef',
    files: [{ path: 'SKILL.md', size: 2048 }],
    tools: [],
    declaredTools: [],
    frontmatter: {},
    instructions: `# ${summary.name}\n\nUse it **well**.`,
    errors: [],
    warnings: [],
    approval: null,
    pinnedFingerprint: null,
    license: null,
    homepage: null,
    indexedAt: '2025-01-01T00:00:00.000Z',
    // The core's words for how it runs (SkillDetail.runsAs), as `skilldock show` prints them.
    runsAs: trustInWords(summary),
    ...overrides,
  }
}

export function makeApproval(overrides: Partial<Approval> & { id: string; skill: string }): Approval {
  return {
    kind: 'import',
    status: 'pending',
    requester: 'cli',
    reason: 'semi_auto: a person approves every new or changed skill',
    fingerprint: 'sha256:feedface',
    risk: 'LOW',
    findings: [],
    requestedTrust: 'sandboxed',
    diff: null,
    trust: null,
    allowedClients: null,
    rateLimitPerMinute: null,
    notes: null,
    decidedBy: null,
    decidedAt: null,
    createdAt: '2025-01-01T00:00:00.000Z',
    ...overrides,
  }
}

/** The runtime status of a skill whose server is not running (never crashed, no error). */
export function makeStoppedStatus(skill: string): RuntimeStatus {
  return {
    skill,
    state: 'stopped',
    pid: null,
    startedAt: null,
    inFlight: 0,
    recentCrashes: 0,
    lastError: null,
  }
}

/** A call held for a person's decision (by default a pending MCP call of unit-converter/convert). */
export function makeHeldCall(overrides: Partial<CallRequest> & { id: string }): CallRequest {
  return {
    skill: 'unit-converter',
    tool: 'convert',
    arguments: { value: 10, from_unit: 'km', to_unit: 'mi' },
    client: 'cursor',
    origin: 'mcp',
    policyId: 1,
    status: 'pending',
    reason: null,
    decidedBy: null,
    decidedAt: null,
    expiresAt: '2030-01-01T00:05:00.000Z',
    createdAt: '2030-01-01T00:00:00.000Z',
    ...overrides,
  }
}

/** What a generation returns (by default a template proposal of csv-to-markdown awaiting approval). */
export function makeGenerationResult(overrides: Partial<GenerationResult>): GenerationResult {
  return {
    runId: 'r',
    outcome: 'proposed',
    skill: 'csv-to-markdown',
    approvalId: 'ap-1',
    approvalStatus: 'pending',
    score: null,
    template: true,
    reason: null,
    validation: null,
    test: null,
    repairRounds: 0,
    modelTurns: 0,
    tokens: 0,
    ...overrides,
  }
}

/** The model settings of a fresh install: no provider, so the generator works from templates. */
export const offlineLlm: LlmConfig = {
  provider: 'none',
  baseUrl: null,
  model: null,
  maxTokensPerGeneration: 60000,
  dailyTokenBudget: 500000,
  keySet: false,
  usedToday: 0,
}

export function makeFinding(overrides: Partial<ScanFinding> = {}): ScanFinding {
  return {
    rule: 'py.exec.subprocess',
    severity: 'MEDIUM',
    file: 'skill.py',
    line: 3,
    message: 'Runs other programs.',
    evidence: 'subprocess.run(cmd)',
    ...overrides,
  }
}
