#!/usr/bin/env node
// `npm start`: the embedded mode. Fails early, with the fix, if the install is incomplete.
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const root = join(__dirname, '..', '..');
if (!existsSync(join(root, 'node_modules', 'ts-node'))) {
  console.error('Dependencies are missing: run `npm install` in the repository root first.');
  process.exit(1);
}
require('../node/register.js');
const { runUntilSignalled, startEmbedded } = require('@ehc/host');
const { allServices, frontEnds } = require('./main.ts');
// the API and, at /, the caseworker workspace
runUntilSignalled(() => startEmbedded(allServices, process.env, { frontEnds }), 'ehc-hub');
