// Entry of the promote action (bundled into dist/promote/index.js).
import { runAction } from '@gitops/action-kit';
import { run, userErrors } from './run';

await runAction('gitops promote', run, userErrors);
