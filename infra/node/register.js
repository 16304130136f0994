// Runs the TypeScript sources directly: ts-node compiles (transpile-only; `npm run typecheck` checks
// types), tsconfig-paths resolves the @ehc/* library aliases.
process.env.TS_NODE_TRANSPILE_ONLY = 'true';
process.env.TS_NODE_PROJECT = require('node:path').join(__dirname, '..', '..', 'tsconfig.base.json');
require('ts-node/register');
require('tsconfig-paths/register');
