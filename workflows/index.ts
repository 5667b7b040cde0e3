export { rolloutWorkflow } from './rollout-workflow';
export { siteWorkflow } from './site-workflow';
export { dailySummaryWorkflow, notificationWorkflow } from './notification-workflows';
