// What the GitOps controllers (Argo CD, Flux) say of an environment: read, compared with a commit, waited for.
export { type ArgoCdApplication, argoCdState, checkArgoCdServer, stateOf as argoCdStateOf } from './argocd';
export { checkedKubeConfig, type FluxObject, fluxState, fluxStateOf } from './flux';
export { ControllerUnavailable } from './http';
export { type ControllerState, commitOf, describeState, sameRevision, settledAt } from './state';
export { type WaitOptions, type WaitOutcome, waitForCommit } from './wait';
