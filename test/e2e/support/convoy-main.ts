/**
 * The convoy CLI as a child process straight from the TypeScript sources (Node 24 strips the
 * types), for e2e tests that must kill a real process: `node test/e2e/support/convoy-main.ts apply …`.
 * Same as bin/convoy.js, without needing a fresh `dist/`.
 */
import { main } from '../../../src/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
