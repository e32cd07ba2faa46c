// What the GitOps controllers (Argo CD, Flux) say of an environment: read, compared with a commit, waited for.
export { argoCdState, checkArgoCdServer } from './argocd';
export { checkedKubeConfig, fluxState } from './flux';
export { type ControllerState, commitOf, describeState } from './state';
export { type WaitOutcome, waitForCommit } from './wait';
