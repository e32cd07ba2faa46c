// Entry of the deploy action (bundled into dist/deploy/index.js).
import { runAction } from '@gitops/action-kit';
import { run, userErrors } from './run';

await runAction('gitops deploy', run, userErrors);
