// Entry of the validate action (bundled into dist/validate/index.js).
import { runAction } from '@gitops/action-kit';
import { run } from './run';

await runAction('gitops validate', run);
