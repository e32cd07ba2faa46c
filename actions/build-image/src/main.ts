// Entry of the build-image action (bundled into dist/build-image/index.js).
import { runAction } from '@gitops/action-kit';
import { run } from './run';

await runAction('gitops build-image', run);
