#!/usr/bin/env node
// The `skilldock` command: runs the built CLI (`npm install` builds it through `prepare`).
'use strict'
const { existsSync } = require('node:fs')
const { join } = require('node:path')

const cli = join(__dirname, '..', '..', 'out', 'main', 'cli.js')
if (!existsSync(cli)) {
  process.stderr.write(
    'error: SkillDock is not built yet. Run `npm run build` in ' + join(__dirname, '..', '..') + '\n',
  )
  process.exit(1)
}
require(cli).main()
