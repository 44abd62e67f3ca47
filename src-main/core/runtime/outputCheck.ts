import { type CallToolResult, ProtocolError, ProtocolErrorCode } from '@modelcontextprotocol/client'
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/client/validators/ajv'

type Check = (input: unknown) => { valid: boolean; errorMessage?: string }

/**
 * The output-schema check the SDK's `callTool` makes, for calls sent with the plain `request`
 * (which skips `callTool`'s per-call cache look-ups and header scan: ~0.15 ms of CPU a call). The
 * schemas come from the skill's `tools/list` at start; each is compiled on its first call.
 */
export class OutputChecks {
  private readonly compiled = new Map<string, Check | Error>()
  /**
   * The SDK client's own JSON Schema engine (ajv), one per skill process as `callTool` had one per
   * client, created on first use. Never shared: ajv keeps every schema with an `$id` and answers a
   * later schema with the same `$id` with the kept one, so a shared engine let one skill's (or an
   * earlier start's) lax schema stand in for another's strict one; it would also keep every
   * compiled schema of every start for the life of the process.
   */
  private engine: AjvJsonSchemaValidator | undefined

  constructor(private readonly schemas: ReadonlyMap<string, Record<string, unknown>>) {}

  /** Throws what `callTool` would throw for a result that breaks the tool's declared output schema. */
  check(tool: string, result: CallToolResult): void {
    const check = this.checkFor(tool)
    if (!check) return
    if (check instanceof Error)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Tool '${tool}' has an invalid outputSchema: ${check.message.slice(0, 200)}`,
      )
    if (result.isError) return
    if (result.structuredContent === undefined)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidRequest,
        `Tool ${tool} has an output schema but did not return structured content`,
      )
    const verdict = check(result.structuredContent)
    if (!verdict.valid)
      throw new ProtocolError(
        ProtocolErrorCode.InvalidParams,
        `Structured content does not match the tool's output schema: ${verdict.errorMessage}`,
      )
  }

  private checkFor(tool: string): Check | Error | undefined {
    let check = this.compiled.get(tool)
    if (check) return check
    const schema = this.schemas.get(tool)
    if (!schema) return undefined
    try {
      check = (this.engine ??= new AjvJsonSchemaValidator()).getValidator(schema as never) as Check
    } catch (err) {
      check = err instanceof Error ? err : new Error(String(err))
    }
    this.compiled.set(tool, check)
    return check
  }
}
