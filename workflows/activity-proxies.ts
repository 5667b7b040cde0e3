/**
 * One activity proxy per timeout profile, each exposing only the activities made for that profile: a site call
 * cannot be scheduled under the database profile's unlimited retries, nor a database write under a site's five.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { dataLoadPoll, dbWrite, siteStep } from './retry-profiles';

/** Calls to a site that return within a minute. */
export const siteCalls = proxyActivities<Pick<Activities, 'pushConfig' | 'cutover' | 'checkHealth' | 'undoStep'>>(siteStep);

/** The data load, polled at the site until it ends. */
export const dataLoadCalls = proxyActivities<Pick<Activities, 'loadData'>>(dataLoadPoll);

/** Reads and writes of the database, including the site facts kept there (readiness, time zone, undo data). */
export const dbCalls = proxyActivities<
  Pick<
    Activities,
    | 'recordSiteState'
    | 'recordRolloutStatus'
    | 'recordEvent'
    | 'loadSitePage'
    | 'loadSiteCodes'
    | 'cutoverWindow'
    | 'loadReadiness'
    | 'recordReadiness'
    | 'loadUndoContext'
    | 'recordDeliveryGivenUp'
    | 'sendDailySummary'
  >
>(dbWrite);
