// `gitops init`: a gitops.yaml proposed from a config repository as it stands, and its starter workflows.
export { proposeConfig } from './propose';
export { renderProposal } from './render';
export { appCiWorkflow, configWorkflows, setupChecklist } from './workflows';
