export { rolloutWorkflow } from './rollout-workflow';
export { siteWorkflow } from './site-workflow';
