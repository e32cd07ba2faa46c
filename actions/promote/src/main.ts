// Entry of the promote action (bundled into dist/promote/index.js). The clone of the config repository starts
// first; the engine loads while git works (see early-clone.ts in the action kit).
import { EarlyClone, withEarlyClone } from '@gitops/action-kit/early-clone';

const early = EarlyClone.start(process.env, 'gitops-promote-');
const { runAction } = await import('@gitops/action-kit');
const { run } = await import('./run');
await runAction('gitops promote', () => withEarlyClone(early, run));
