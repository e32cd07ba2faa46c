// Entry of the metrics action (bundled into dist/metrics/index.js).
import { runAction } from '@gitops/action-kit';
import { run } from './run';

await runAction('gitops metrics', run);
