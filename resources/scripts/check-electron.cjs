#!/usr/bin/env node
// `npm run check:electron`: Electronegativity over the Electron shell and the preload. Fails on any
// finding of HIGH (or CRITICAL) severity. Offline: the tool only tries to fetch translations
// (1 s timeout) and falls back to English. Its CLI is broken with the hoisted commander, so the
// runner is called directly. Suppressions are inline `/* eng-disable CHECK_ID */` comments, each
// with its reason next to it.
'use strict'
const { cpSync, mkdtempSync, rmSync } = require('node:fs')
const { tmpdir } = require('node:os')
const { join } = require('node:path')
const run = require('@doyensec/electronegativity')

const root = join(__dirname, '..', '..')
// Scanned together so the global checks (navigation limits, permission handler, CSP) see the
// whole shell. The renderer's index.html carries the CSP meta; app:// responses add the header.
const inputs = ['src-main/electron', 'src-main/index.ts', 'src-preload', 'src-renderer/index.html']
// AvailableSecurityFixesGlobalCheck downloads Electron's release list: needs the network, so it
// cannot run offline in CI; Electron upgrades are tracked by the dependency updates instead.
const excluded = ['availablesecurityfixesglobalcheck']
const electronVersion = require(join(root, 'node_modules', 'electron', 'package.json')).version

async function main() {
  let high = 0
  let total = 0
  const staging = mkdtempSync(join(tmpdir(), 'skilldock-electronegativity-'))
  for (const input of inputs) cpSync(join(root, input), join(staging, input), { recursive: true })
  try {
    const result = await run({
      input: staging,
      isRelative: true,
      excludeFromScan: excluded,
      severitySet: 'informational',
      confidenceSet: 'tentative',
      electronVersionOverride: electronVersion,
      parserPlugins: [],
    })
    for (const issue of result.issues) {
      total++
      const severity = issue.severity.name
      const isHigh = severity === 'HIGH' || severity === 'CRITICAL'
      if (isHigh) high++
      const where = `${issue.file}:${issue.location.line}`
      console.log(`${isHigh ? 'FAIL' : 'note'} ${severity} ${issue.id} ${where} — ${issue.description}`)
    }
    if (result.errors.length) console.log(`note: ${result.errors.length} file(s) could not be parsed`)
  } finally {
    rmSync(staging, { recursive: true, force: true })
  }
  console.log(
    `electronegativity: ${total} finding(s), ${high} of high severity (Electron ${electronVersion}).`,
  )
  process.exit(high > 0 ? 1 : 0)
}

main().catch((err) => {
  console.error(err.stack || String(err))
  process.exit(1)
})
