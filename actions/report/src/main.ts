// Entry of the report action (bundled into dist/report/index.js).
import { runAction } from '@gitops/action-kit';
import { run } from './run';

await runAction('gitops report', run);
