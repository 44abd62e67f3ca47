import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js'
import { afterEach, describe, expect, it } from 'vitest'
import { closeSessions, connect } from './kitSupport'

afterEach(closeSessions)

describe('stdlib MCP kit conformance with the official TypeScript SDK client', () => {
  describe('resources', () => {
    it('lists resources and resource templates', async () => {
      const session = await connect()
      expect((await session.client.listResources()).resources).toEqual([
        {
          uri: 'config://settings',
          name: 'settings',
          description: 'Static settings',
          mimeType: 'text/plain',
        },
      ])
      expect((await session.client.listResourceTemplates()).resourceTemplates).toEqual([
        {
          uriTemplate: 'greeting://{name}',
          name: 'greeting',
          description: 'A personal greeting.',
          mimeType: 'text/plain',
        },
        {
          uriTemplate: 'users://{user_id}/profile',
          name: 'profile',
          description: "A user's profile.",
          mimeType: 'application/json',
        },
      ])
    })

    it('reads a static resource and templates with parameters', async () => {
      const session = await connect()
      expect(await session.client.readResource({ uri: 'config://settings' })).toEqual({
        contents: [{ uri: 'config://settings', mimeType: 'text/plain', text: 'theme=dark\nlanguage=en' }],
      })
      expect(await session.client.readResource({ uri: 'greeting://Ada' })).toEqual({
        contents: [{ uri: 'greeting://Ada', mimeType: 'text/plain', text: 'Hello, Ada!' }],
      })
      const profile = await session.client.readResource({ uri: 'users://42/profile' })
      const content = profile.contents[0]
      expect(content).toMatchObject({ uri: 'users://42/profile', mimeType: 'application/json' })
      expect(JSON.parse(content && 'text' in content ? content.text : '')).toEqual({
        id: 42,
        name: 'user-42',
      })
    })

    it('an unknown resource or a bad template parameter rejects with an McpError', async () => {
      const session = await connect()
      await expect(session.client.readResource({ uri: 'nothing://here' })).rejects.toMatchObject({
        code: -32002,
        data: { uri: 'nothing://here' },
      })
      const badParam: unknown = await session.client
        .readResource({ uri: 'users://abc/profile' })
        .catch((e) => e)
      expect(badParam).toBeInstanceOf(McpError)
      expect(badParam).toMatchObject({ code: ErrorCode.InvalidParams })
    })
  })

  describe('prompts', () => {
    it('lists prompts with their arguments', async () => {
      const session = await connect()
      expect((await session.client.listPrompts()).prompts).toEqual([
        {
          name: 'review',
          description: 'Ask for a code review.',
          arguments: [
            { name: 'code', required: true },
            { name: 'language', required: false },
          ],
        },
        {
          name: 'debate',
          title: 'Debate',
          description: 'Two-sided discussion.',
          arguments: [
            { name: 'topic', required: true },
            { name: 'rounds', required: false },
          ],
        },
      ])
    })

    it('renders prompts with arguments and defaults', async () => {
      const session = await connect()
      expect(await session.client.getPrompt({ name: 'review', arguments: { code: 'print(1)' } })).toEqual({
        description: 'Ask for a code review.',
        messages: [
          { role: 'user', content: { type: 'text', text: 'Please review this python code:\nprint(1)' } },
        ],
      })
      const review = await session.client.getPrompt({
        name: 'review',
        arguments: { code: 'x', language: 'rust' },
      })
      expect(review.messages[0]?.content).toEqual({ type: 'text', text: 'Please review this rust code:\nx' })
      const debate = await session.client.getPrompt({
        name: 'debate',
        arguments: { topic: 'tabs', rounds: '2' },
      })
      expect(debate.messages).toEqual([
        { role: 'user', content: { type: 'text', text: 'Argue for tabs (2 rounds).' } },
        { role: 'assistant', content: { type: 'text', text: 'Certainly.' } },
      ])
    })

    it('a missing required argument or an unknown prompt rejects with McpError -32602', async () => {
      const session = await connect()
      const missing: unknown = await session.client
        .getPrompt({ name: 'review', arguments: {} })
        .catch((e) => e)
      expect(missing).toBeInstanceOf(McpError)
      expect(missing).toMatchObject({ code: ErrorCode.InvalidParams })
      expect((missing as McpError).message).toContain('code')
      await expect(session.client.getPrompt({ name: 'nope' })).rejects.toMatchObject({
        code: ErrorCode.InvalidParams,
      })
    })
  })
})
