import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '@playwright/test'
import { GOOD_SLUG_ANSWER } from '../support/slugSkill'
import { startServe, type ServeProcess } from './serve'

/**
 * The generator with a model: a real OpenAI-compatible HTTP server on 127.0.0.1 answers with a canned
 * skill (the model is the one part allowed to be scripted), and the proposal is approved in the inbox.
 */
let serve: ServeProcess
let model: Server
let modelUrl = ''
let modelCalls = 0

test.beforeAll(async () => {
  serve = await startServe()
  model = createServer((req, res) => {
    req.resume()
    req.on('end', () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404).end()
        return
      }
      modelCalls++
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          id: `chatcmpl-${modelCalls}`,
          object: 'chat.completion',
          created: Math.floor(Date.now() / 1000),
          model: 'scripted',
          choices: [
            { index: 0, finish_reason: 'stop', message: { role: 'assistant', content: GOOD_SLUG_ANSWER } },
          ],
          usage: { prompt_tokens: 0, completion_tokens: 500, total_tokens: 500 },
        }),
      )
    })
  })
  await new Promise<void>((resolve) => model.listen(0, '127.0.0.1', resolve))
  modelUrl = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`
})

test.afterAll(async () => {
  model?.closeAllConnections()
  await new Promise((resolve) => model?.close(resolve))
  await serve?.stop()
})

test('generates a skill through a model server, shows its reports, and approves it', async ({ page }) => {
  await page.goto(serve.url)
  await page.getByTestId('nav-settings').click()
  await page.getByTestId('llm-provider').selectOption('openai-compatible')
  await page.getByTestId('llm-base-url').fill(modelUrl)
  await page.getByTestId('llm-model').fill('scripted')
  await page.getByTestId('llm-save').click()
  await expect(page.getByText('Saved.')).toBeVisible()

  await page.getByTestId('nav-generator').click()
  await expect(page.getByTestId('generator-provider')).toContainText('OpenAI-compatible')
  await page.getByTestId('generator-intent').fill('make URL slugs from page titles')
  await page.getByTestId('generator-submit').click()

  const outcome = page.getByTestId('generator-outcome')
  await expect(outcome).toHaveAttribute('data-outcome', 'proposed', { timeout: 90_000 })
  expect(modelCalls).toBe(1)
  await expect(outcome).not.toContainText('offline template')
  await expect(outcome.getByTestId('generator-test-report')).toContainText('Tests passed')
  await expect(outcome.getByTestId('generator-files')).toContainText('skill.py')
  await expect(outcome.getByTestId('generator-scan-report')).toBeVisible()
  const editorLink = outcome.getByTestId('generator-editor-link')
  const skill = decodeURIComponent((await editorLink.getAttribute('href'))!.replace('#/editor/', ''))
  expect(skill).toMatch(/slug/)

  await outcome.getByTestId('generator-approval-link').click()
  const detail = page.getByTestId('approval-detail')
  await expect(detail).toContainText(skill)
  await expect(detail.getByTestId('approval-status')).toHaveText('pending')
  await detail.getByTestId('approve-button').click()
  await expect(detail.getByTestId('approval-status')).toHaveText('approved')

  await page.getByTestId('nav-skills').click()
  await page.getByTestId('skill-search').fill(skill)
  const row = page.locator(`[data-testid="skill-row"][data-skill-name="${skill}"]`)
  await expect(row.getByTestId('skill-state-badge')).toHaveText('active')
  await row.click()
  await expect(page.getByTestId('skill-approval-history-item')).toHaveCount(1)
  await expect(page.getByTestId('skill-approval-history-item')).toContainText('approved')
})
