// `gitops init`: a gitops.yaml proposed from a config repository as it stands.
export { proposeConfig } from './propose';
export { renderProposal } from './render';
