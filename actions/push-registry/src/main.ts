// Entry of the push-registry action (bundled into dist/push-registry/index.js).
import { runAction } from '@gitops/action-kit';
import { run } from './run';

await runAction('gitops push-registry', run);
