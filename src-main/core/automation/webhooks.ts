import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { WebhookInfo } from '../../contract/automation'
import type { ErrorCode } from '../../contract/errors'
import { AppError } from '../base/appError'
import { type Clock, isoNow } from '../base/clock'
import type { CallPipeline } from '../policy/callPipeline'
import type { SecretStore } from '../secrets/secretStore'
import type { AuditRepository } from '../storage/auditRepository'
import type { AutomationRepository } from '../storage/automationRepository'

/** Signed requests older or newer than this are refused. */
export const SIGNATURE_WINDOW_SECONDS = 300
/** Decoded attachments of one request may total at most this much (base64 makes them a third larger). */
export const MAX_ATTACHMENT_BYTES = 512 * 1024
/**
 * The raw request body may be at most this large (base64 attachments plus the rest). Kept small:
 * bodies are held in memory, and anyone who can reach the port may send one.
 */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024
export const SIGNATURE_HEADER = 'skilldock-signature'
const SECRET_NAME = 'SECRET'

export const webhookScope = (id: string) => `webhook:${id}`

/** Where a hook's attachments are saved: in its skill's data folder (see `planLaunch`). */
export const webhookAttachmentDir = (home: string, hook: Pick<WebhookInfo, 'id' | 'skill'>) =>
  join(home, 'skill-data', hook.skill, 'webhooks', hook.id)

/** `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` for a body and secret. */
export function signWebhook(secret: string, body: string | Buffer, t: number): string {
  const mac = createHmac('sha256', secret).update(`${t}.`).update(body).digest('hex')
  return `t=${t},v1=${mac}`
}

/** The HTTP answer to a webhook request: a status and a JSON body. */
export interface WebhookResponse {
  status: number
  body: unknown
}

/** What the serve/desktop server hands a `POST /hooks/<id>` to. */
export interface WebhookReceiver {
  /**
   * Before the body is read: an unknown hook, or a signature header that is missing, malformed or
   * outside the time window, is refused here (null: read the body and `deliver`).
   */
  precheck(id: string, signature: string | undefined): WebhookResponse | null
  deliver(id: string, signature: string | undefined, body: Buffer): Promise<WebhookResponse>
}

const HOW_TO_SIGN =
  'sign it as SkillDock-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>"> with the hook\'s secret'

/** The parts of a signature header, or why it cannot be one (checked before and after the body). */
function parseSignature(header: string | undefined, nowSeconds: number): { t: number; v1: string } | string {
  if (!header) return `The request is not signed; ${HOW_TO_SIGN}.`
  if (header.length > 512) return `The signature header is malformed; ${HOW_TO_SIGN}.`
  const parts = new Map(
    header.split(',').map((p) => {
      const eq = p.indexOf('=')
      return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()] as const
    }),
  )
  const t = Number(parts.get('t'))
  const v1 = parts.get('v1') ?? ''
  if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/i.test(v1))
    return `The signature header is malformed; ${HOW_TO_SIGN}.`
  if (Math.abs(nowSeconds - t) > SIGNATURE_WINDOW_SECONDS) {
    return `The signature is stale (more than ${SIGNATURE_WINDOW_SECONDS / 60} minutes from now); sign the request when sending it.`
  }
  return { t, v1 }
}

/** The HTTP status of a call the pipeline refused; anything else is a 500. */
const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  UNAUTHORIZED: 403,
  APPROVAL_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
}

const refusal = (status: number, code: ErrorCode, message: string): WebhookResponse => ({
  status,
  body: { ok: false, error: { code, message } },
})

/** Webhooks: per-hook secrets in the keychain, signature checks, attachments, and the tool call. */
export class WebhookService implements WebhookReceiver {
  constructor(
    private readonly deps: {
      store: AutomationRepository
      secrets: SecretStore
      calls: CallPipeline
      audit: AuditRepository
      clock: Clock
      home: string
      requireSkill: (name: string) => void
    },
  ) {}

  /** Adds a hook and returns its secret, which is stored only in the keychain and shown only now. */
  async add(input: { id: string; skill: string; tool: string }): Promise<WebhookInfo & { secret: string }> {
    this.deps.requireSkill(input.skill)
    if (this.deps.store.hook(input.id)) {
      throw new AppError(
        'CONFLICT',
        `A webhook named "${input.id}" exists; remove it first or pick another id.`,
      )
    }
    const secret = randomBytes(32).toString('hex')
    await this.deps.secrets.set(webhookScope(input.id), SECRET_NAME, secret)
    const hook = this.deps.store.addHook({ ...input, createdAt: isoNow(this.deps.clock) })
    this.audit(hook.id, hook.skill, 'webhook.add', 'ok', { tool: hook.tool })
    return { ...hook, secret }
  }

  list(): WebhookInfo[] {
    return this.deps.store.hooks()
  }

  async remove(id: string): Promise<{ removed: string }> {
    const hook = this.deps.store.hook(id)
    if (!hook) throw new AppError('NOT_FOUND', `No webhook named "${id}"; see \`skilldock webhook list\`.`)
    await this.deps.secrets.delete(webhookScope(id), SECRET_NAME)
    this.deps.store.removeHook(id)
    this.audit(id, hook.skill, 'webhook.remove', 'ok', {})
    return { removed: id }
  }

  precheck(id: string, signature: string | undefined): WebhookResponse | null {
    const hook = this.deps.store.hook(id)
    if (!hook) return refusal(404, 'NOT_FOUND', `No webhook named "${id}".`)
    const parsed = parseSignature(signature, Math.floor(this.deps.clock.now().getTime() / 1000))
    if (typeof parsed !== 'string') return null
    this.audit(id, hook.skill, 'webhook.refused', 'denied', { reason: parsed })
    return refusal(401, 'UNAUTHORIZED', parsed)
  }

  async deliver(id: string, signature: string | undefined, body: Buffer): Promise<WebhookResponse> {
    const hook = this.deps.store.hook(id)
    if (!hook) return refusal(404, 'NOT_FOUND', `No webhook named "${id}".`)
    const denied = await this.verify(hook, signature, body)
    if (denied) {
      this.audit(id, hook.skill, 'webhook.refused', 'denied', { reason: denied })
      return refusal(401, 'UNAUTHORIZED', denied)
    }
    let input: unknown
    try {
      input = JSON.parse(body.toString('utf8'))
    } catch {
      return refusal(400, 'INVALID_INPUT', 'The body is not valid JSON; send a JSON object.')
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) {
      return refusal(400, 'INVALID_INPUT', 'The body must be a JSON object; it becomes the tool input.')
    }
    const args = { ...(input as Record<string, unknown>) }
    if (args.attachments !== undefined) {
      const saved = this.saveAttachments(hook, args.attachments)
      if ('status' in saved) return saved
      args.attachments = saved.paths
    }
    this.deps.store.touchHook(id, isoNow(this.deps.clock))
    // A call held for approval answers 202 at once (senders give up within seconds); the call
    // goes on waiting, and its outcome lands in the activity log.
    let held: (message: string) => void = () => undefined
    const heldNotice = new Promise<WebhookResponse>((resolve) => {
      held = (message) => resolve({ status: 202, body: { status: 'held', message } })
    })
    const running = this.deps.calls
      .call({
        skill: hook.skill,
        tool: hook.tool,
        args,
        client: `webhook:${id}`,
        origin: 'webhook',
        onWaiting: (message) => held(message),
      })
      .then(
        (result): WebhookResponse => {
          this.audit(id, hook.skill, 'webhook.call', result.isError ? 'error' : 'ok', { tool: hook.tool })
          return { status: 200, body: result }
        },
        (err: unknown): WebhookResponse => {
          const error = AppError.from(err)
          this.audit(id, hook.skill, 'webhook.call', 'error', { tool: hook.tool, code: error.code })
          return refusal(HTTP_STATUS[error.code] ?? 500, error.code, error.message)
        },
      )
    return Promise.race([running, heldNotice])
  }

  /** Null when the signature is valid, fresh and new; else why the request is refused. */
  private async verify(hook: WebhookInfo, header: string | undefined, body: Buffer): Promise<string | null> {
    const parsed = parseSignature(header, Math.floor(this.deps.clock.now().getTime() / 1000))
    if (typeof parsed === 'string') return parsed
    const { t, v1 } = parsed
    const secret = await this.deps.secrets.get(webhookScope(hook.id), SECRET_NAME)
    if (secret === null) {
      return `The hook's secret is missing from the keychain; remove the hook and add it again (\`skilldock webhook add\`).`
    }
    const expected = Buffer.from(signWebhook(secret, body, t).split('v1=')[1]!, 'hex')
    if (!timingSafeEqual(expected, Buffer.from(v1, 'hex'))) {
      return 'The signature does not match the body; the request was changed or signed with another secret.'
    }
    const seen = this.deps.clock.now()
    const forgetBefore = new Date(seen.getTime() - 2 * SIGNATURE_WINDOW_SECONDS * 1000).toISOString()
    if (
      !this.deps.store.rememberSignature(
        hook.id,
        `${t}.${v1.toLowerCase()}`,
        seen.toISOString(),
        forgetBefore,
      )
    ) {
      return 'This signed request was already received (a replay); sign each request anew.'
    }
    return null
  }

  /**
   * Saves `[{name, base64}]` under `<home>/skill-data/<skill>/webhooks/<id>/`, in the skill's own
   * data folder: the only part of the data home its (sandboxed) process may read. The saved paths
   * go to the tool.
   */
  private saveAttachments(hook: WebhookInfo, value: unknown): { paths: string[] } | WebhookResponse {
    const shape = 'attachments must be a list of {"name": "<file name>", "base64": "<file contents>"}.'
    if (!Array.isArray(value)) return refusal(400, 'INVALID_INPUT', shape)
    const files: { name: string; bytes: Buffer }[] = []
    let total = 0
    for (const item of value as unknown[]) {
      const file = item as { name?: unknown; base64?: unknown }
      if (typeof file?.name !== 'string' || typeof file.base64 !== 'string') {
        return refusal(400, 'INVALID_INPUT', shape)
      }
      total += Math.floor((file.base64.length * 3) / 4)
      if (total > MAX_ATTACHMENT_BYTES + 3) {
        return refusal(
          413,
          'INVALID_INPUT',
          `Attachments may total at most ${MAX_ATTACHMENT_BYTES / 1024} KiB.`,
        )
      }
      files.push({ name: file.name, bytes: Buffer.from(file.base64, 'base64') })
    }
    if (files.reduce((n, f) => n + f.bytes.length, 0) > MAX_ATTACHMENT_BYTES) {
      return refusal(
        413,
        'INVALID_INPUT',
        `Attachments may total at most ${MAX_ATTACHMENT_BYTES / 1024} KiB.`,
      )
    }
    const dir = webhookAttachmentDir(this.deps.home, hook)
    mkdirSync(dir, { recursive: true })
    const stamp = this.deps.clock.now().toISOString().replace(/[:.]/g, '-')
    const paths = files.map((f) => {
      const path = join(dir, `${stamp}-${randomBytes(3).toString('hex')}-${safeFileName(f.name)}`)
      writeFileSync(path, f.bytes, { flag: 'wx' })
      return path
    })
    return { paths }
  }

  private audit(id: string, skill: string, action: string, outcome: string, detail: Record<string, unknown>) {
    this.deps.audit.append(
      {
        actor: `webhook:${id}`,
        action,
        skillName: skill,
        client: `webhook:${id}`,
        outcome,
        detail: { hook: id, ...detail },
      },
      isoNow(this.deps.clock),
    )
  }
}

/** A file name with no path parts or odd characters, never empty or hidden. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[.]+/, '')
    .slice(0, 100)
  return clean === '' ? 'attachment' : clean
}
