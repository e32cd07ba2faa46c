// Entry of the deploy action (bundled into dist/deploy/index.js). The clone starts first; the engine loads
// while git works (see early-clone.ts).
import { startClone } from './early-clone';

const started = startClone(process.env);
const { runAction } = await import('@gitops/action-kit');
const { run, userErrors } = await import('./run');
await runAction('gitops deploy', () => run(started), userErrors);
