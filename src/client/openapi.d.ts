/**
 * Generated from the API's OpenAPI document by `npm run generate:client` (scripts/generate-client.ts): do not edit.
 * test/cli/client-types.test.ts fails when it no longer matches the API.
 */

export interface paths {
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the process is up */
        get: operations["health"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether Postgres and Temporal both answer, each within two seconds */
        get: operations["ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create an API key; the secret is shown once */
        post: operations["createApiKey"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke an API key at once */
        delete: operations["revokeApiKey"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Create or replace a site */
        put: operations["upsertSite"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Import sites, all or nothing, from a JSON array or CSV (code,name,region,timezone,tags,endpoint; tags split by |) */
        post: operations["importSites"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List sites by code, optionally by region or tag */
        get: operations["listSites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/schemas/plan.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The JSON Schema of a rollout plan, for editors; needs no key */
        get: operations["getPlanSchema"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List rollouts, newest first */
        get: operations["listRollouts"];
        put?: never;
        /** Start a rollout; the same Idempotency-Key and body return the same rollout */
        post: operations["createRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Show which sites each wave would get and when the rollout would finish if it started now; starts nothing */
        post: operations["previewRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A rollout with its plan, status and counts */
        get: operations["getRollout"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/progress": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Counts by state, per wave and in total; send If-None-Match to get 304 while nothing changed */
        get: operations["getProgress"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Per-site rows: state, step, attempts, error, timings, next window, data-load progress */
        get: operations["listRolloutSites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The audit trail: every state change and action, in order; follow nextCursor to miss nothing */
        get: operations["listEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause the rollout: no new site starts
         * @description Allowed while the rollout is running, awaiting approval or halted. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["pauseRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused or halted rollout
         * @description Allowed while the rollout is paused or halted. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["resumeRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/abort": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Abort the rollout: nothing new starts, running sites stop after their step
         * @description Allowed until the rollout is completed or aborted. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["abortRollout"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/waves/{wave}/launch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a wave that awaits approval
         * @description Allowed only while the wave is `awaiting_approval`. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["launchWave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/waves/{wave}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll back every succeeded or failed site of a wave, maxParallel at a time
         * @description Allowed once the wave has started, has a succeeded or failed site, and is not being rolled back already. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["rollbackWave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/sites/{code}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-run a failed site from its failed step, with a new Idempotency-Key
         * @description Allowed while the site is `failed`, and the rollout is not aborted. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["retrySite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/sites/{code}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo a failed or succeeded site's completed steps in reverse order
         * @description Allowed while the site is `failed` or `succeeded`. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["rollbackSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/sites/{code}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Give up on a failed or pending site
         * @description Allowed while the site is `failed` or `pending`. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["skipSite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/sites/{code}/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a site's staff are trained, so its training step can finish
         * @description Allowed until the site has passed training (before it reaches training the confirmation is kept); below `minTrainedPercent` → 400. A repeat with the same `Idempotency-Key` gets the first answer; without one, a repeat meets the new state (409).
         */
        post: operations["confirmReadiness"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live events as text/event-stream; resumes after Last-Event-ID (or ?after=), else starts now
         * @description Each message has `id` = the event cursor, `event` = its type and `data` = the item as in GET .../events. A comment line is sent every 15 s as a heartbeat.
         */
        get: operations["streamEvents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/report": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A day's report: sites started, succeeded, failed, rolled back; failures by step and error
         * @description The day is a UTC calendar day (default: today). `format=csv` returns the same as one CSV table: a row per count, then a row per failure group, most frequent first.
         */
        get: operations["getReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The rollout's webhook deliveries, newest first, with their attempts and last error
         * @description `failing` lists the webhooks whose latest attempt failed, for a banner; it comes with the first page only.
         */
        get: operations["listNotifications"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The installation-wide webhooks, without their secrets */
        get: operations["listWebhooks"];
        put?: never;
        /** An installation-wide webhook: it hears the events it names from every rollout */
        post: operations["createWebhook"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Remove an installation-wide webhook; its deliveries still pending stop */
        delete: operations["deleteWebhook"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/sites/{code}/readiness-link": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A link to the site lead's page of one site, where readiness is confirmed without an API key */
        post: operations["createReadinessLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/rollouts/{id}/waves/{wave}/readiness-links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** A readiness link for every site of a wave; `format=csv` for a mail merge */
        post: operations["createWaveReadinessLinks"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/readiness-links/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Revoke a readiness link at once */
        delete: operations["revokeReadinessLink"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/readiness": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The site of a readiness link: its state, cutover window in local time, the threshold and what happens next */
        get: operations["getReadinessLinkSite"];
        put?: never;
        /** Confirm the readiness of a readiness link's site; below `minTrainedPercent` → 400, past training → 409 */
        post: operations["confirmReadinessByLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The key this request is made with: its id, name, role and sites */
        get: operations["getOwnKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/my/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A site-lead key's sites in every rollout not completed or aborted, as the site lead's page shows them
         * @description Newest rollout first, then by site code. Keys of other roles have no sites of their own: their list is empty (a manager confirms any site with `POST /v1/rollouts/{id}/sites/{code}/readiness`).
         */
        get: operations["listOwnSites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    health: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                    };
                };
            };
        };
    };
    ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Ready */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @enum {boolean} */
                        ok: true;
                        /** @description Whether each dependency answered */
                        checks: {
                            postgres: boolean;
                            temporal: boolean;
                        };
                    };
                };
            };
            /** @description `not_ready`: a dependency did not answer; `details` says which */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            /** @enum {string} */
                            code: "not_ready";
                            message: string;
                            details: {
                                postgres: boolean;
                                temporal: boolean;
                            }[];
                        };
                    };
                };
            };
        };
    };
    createApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {string} */
                    role: "admin" | "manager" | "site-lead" | "viewer";
                    /** @default unnamed key */
                    name?: string;
                    /** @default [] */
                    sites?: string[];
                };
            };
        };
        responses: {
            /** @description The key, with its secret `key`: shown this once, stored only hashed */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        key: string;
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "manager" | "site-lead" | "viewer";
                        sites: string[];
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    revokeApiKey: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked: the key stops working at once */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    upsertSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    region: string;
                    timezone: string;
                    /** @default [] */
                    tags?: string[];
                    endpoint?: string;
                    /** @default {} */
                    attributes?: {
                        [key: string]: unknown;
                    };
                };
            };
        };
        responses: {
            /** @description The site, replaced */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        region: string;
                        timezone: string;
                        /** @default [] */
                        tags: string[];
                        endpoint: string | null;
                        /** @default {} */
                        attributes: {
                            [key: string]: unknown;
                        };
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description The site, created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        name: string;
                        region: string;
                        timezone: string;
                        /** @default [] */
                        tags: string[];
                        endpoint: string | null;
                        /** @default {} */
                        attributes: {
                            [key: string]: unknown;
                        };
                        code: string;
                        /** Format: date-time */
                        createdAt: string;
                        /** Format: date-time */
                        updatedAt: string;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    importSites: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A JSON array of sites (as PUT /v1/sites/{code} takes them), or CSV text */
        requestBody: {
            content: {
                "application/json": unknown[] | string;
                "text/csv": unknown[] | string;
            };
        };
        responses: {
            /** @description How many sites were created and how many updated */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        created: number;
                        updated: number;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    listSites: {
        parameters: {
            query?: {
                region?: string;
                tag?: string;
                limit?: number;
                /** @description The previous page's nextCursor; a cursor of another listing is refused */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sites, by code */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            name: string;
                            region: string;
                            timezone: string;
                            /** @default [] */
                            tags: string[];
                            endpoint: string | null;
                            /** @default {} */
                            attributes: {
                                [key: string]: unknown;
                            };
                            code: string;
                            /** Format: date-time */
                            createdAt: string;
                            /** Format: date-time */
                            updatedAt: string;
                        }[];
                        /** @description The `cursor` of the next page; null on the last */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    getPlanSchema: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A JSON Schema (draft-07) of the body of POST /v1/rollouts; fields with a default are optional */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
        };
    };
    listRollouts: {
        parameters: {
            query?: {
                status?: "running" | "awaiting_approval" | "paused" | "halted" | "completed" | "aborted";
                limit?: number;
                /** @description The previous page's nextCursor; a cursor of another listing is refused */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of rollouts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            status: string;
                            version: number;
                            updatedAt: string;
                            totals: {
                                pending: number;
                                running: number;
                                awaiting_readiness: number;
                                awaiting_window: number;
                                succeeded: number;
                                failed: number;
                                rolling_back: number;
                                rolled_back: number;
                                skipped: number;
                                sites: number;
                            };
                            percentComplete: number;
                            waves: {
                                name: string;
                                status: string;
                                approval: string;
                                sites: number;
                                counts: {
                                    pending: number;
                                    running: number;
                                    awaiting_readiness: number;
                                    awaiting_window: number;
                                    succeeded: number;
                                    failed: number;
                                    rolling_back: number;
                                    rolled_back: number;
                                    skipped: number;
                                };
                            }[];
                            name: string;
                            plan: unknown;
                            createdAt: string;
                        }[];
                        /** @description The `cursor` of the next page; null on the last */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    createRollout: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    release: {
                        version: string;
                        /** @default {} */
                        config?: {
                            [key: string]: unknown;
                        };
                        dataset?: {
                            uri: string;
                            records: number;
                            checksum?: string;
                        };
                    };
                    waves: {
                        name: string;
                        select: {
                            /** @enum {boolean} */
                            all?: true;
                            regions?: string[];
                            tags?: string[];
                            codes?: string[];
                        };
                        /** @default 10 */
                        maxParallel?: number;
                        failureThreshold?: {
                            maxFailed?: number;
                            maxFailedPercent?: number;
                            minCompleted?: number;
                        };
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        approval?: "auto" | "manual";
                        /** @default 0 */
                        bakeSeconds?: number;
                    }[];
                    /**
                     * @default {
                     *       "requireReadiness": false,
                     *       "minTrainedPercent": 90,
                     *       "timeoutSeconds": 604800
                     *     }
                     */
                    training?: {
                        /** @default false */
                        requireReadiness?: boolean;
                        /** @default 90 */
                        minTrainedPercent?: number;
                        /** @default 604800 */
                        timeoutSeconds?: number;
                        readinessValidForHours?: number;
                    };
                    /**
                     * @default {
                     *       "autoRollbackOnFailedCheck": false
                     *     }
                     */
                    cutover?: {
                        window?: {
                            start: string;
                            end: string;
                        };
                        /** @default false */
                        autoRollbackOnFailedCheck?: boolean;
                    };
                    gateway?: {
                        endpointTemplate: string;
                    };
                    /** @default [] */
                    notifications?: {
                        url: string;
                        events: ("site.awaiting_readiness" | "site.readiness_expired" | "site.failed" | "wave.awaiting_approval" | "rollout.halted" | "rollout.completed" | "rollout.daily_summary")[];
                        secret: string;
                    }[];
                    /**
                     * @default {
                     *       "hour": 8,
                     *       "timezone": "UTC"
                     *     }
                     */
                    dailySummary?: {
                        /** @default 8 */
                        hour?: number;
                        /** @default UTC */
                        timezone?: string;
                    };
                    /** @description How long each step takes a site ("90s", "40m", "1h30m"), for the projected completion only */
                    estimates?: {
                        config_push?: string;
                        data_load?: string;
                        /** @description Includes the wait for the site lead's readiness confirmation */
                        training?: string;
                        /** @description Includes the post-cutover health check */
                        cutover?: string;
                    };
                    /** @description The JSON Schema of plans (`/v1/schemas/plan.json`), for editors; ignored */
                    $schema?: string;
                };
            };
        };
        responses: {
            /** @description The rollout this Idempotency-Key and body started before */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        version: number;
                        updatedAt: string;
                        totals: {
                            pending: number;
                            running: number;
                            awaiting_readiness: number;
                            awaiting_window: number;
                            succeeded: number;
                            failed: number;
                            rolling_back: number;
                            rolled_back: number;
                            skipped: number;
                            sites: number;
                        };
                        percentComplete: number;
                        waves: {
                            name: string;
                            status: string;
                            approval: string;
                            sites: number;
                            counts: {
                                pending: number;
                                running: number;
                                awaiting_readiness: number;
                                awaiting_window: number;
                                succeeded: number;
                                failed: number;
                                rolling_back: number;
                                rolled_back: number;
                                skipped: number;
                            };
                        }[];
                        name: string;
                        plan: unknown;
                        createdAt: string;
                    };
                };
            };
            /** @description The rollout, started */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        version: number;
                        updatedAt: string;
                        totals: {
                            pending: number;
                            running: number;
                            awaiting_readiness: number;
                            awaiting_window: number;
                            succeeded: number;
                            failed: number;
                            rolling_back: number;
                            rolled_back: number;
                            skipped: number;
                            sites: number;
                        };
                        percentComplete: number;
                        waves: {
                            name: string;
                            status: string;
                            approval: string;
                            sites: number;
                            counts: {
                                pending: number;
                                running: number;
                                awaiting_readiness: number;
                                awaiting_window: number;
                                succeeded: number;
                                failed: number;
                                rolling_back: number;
                                rolled_back: number;
                                skipped: number;
                            };
                        }[];
                        name: string;
                        plan: unknown;
                        createdAt: string;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    previewRollout: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    name: string;
                    release: {
                        version: string;
                        /** @default {} */
                        config?: {
                            [key: string]: unknown;
                        };
                        dataset?: {
                            uri: string;
                            records: number;
                            checksum?: string;
                        };
                    };
                    waves: {
                        name: string;
                        select: {
                            /** @enum {boolean} */
                            all?: true;
                            regions?: string[];
                            tags?: string[];
                            codes?: string[];
                        };
                        /** @default 10 */
                        maxParallel?: number;
                        failureThreshold?: {
                            maxFailed?: number;
                            maxFailedPercent?: number;
                            minCompleted?: number;
                        };
                        /**
                         * @default auto
                         * @enum {string}
                         */
                        approval?: "auto" | "manual";
                        /** @default 0 */
                        bakeSeconds?: number;
                    }[];
                    /**
                     * @default {
                     *       "requireReadiness": false,
                     *       "minTrainedPercent": 90,
                     *       "timeoutSeconds": 604800
                     *     }
                     */
                    training?: {
                        /** @default false */
                        requireReadiness?: boolean;
                        /** @default 90 */
                        minTrainedPercent?: number;
                        /** @default 604800 */
                        timeoutSeconds?: number;
                        readinessValidForHours?: number;
                    };
                    /**
                     * @default {
                     *       "autoRollbackOnFailedCheck": false
                     *     }
                     */
                    cutover?: {
                        window?: {
                            start: string;
                            end: string;
                        };
                        /** @default false */
                        autoRollbackOnFailedCheck?: boolean;
                    };
                    gateway?: {
                        endpointTemplate: string;
                    };
                    /** @default [] */
                    notifications?: {
                        url: string;
                        events: ("site.awaiting_readiness" | "site.readiness_expired" | "site.failed" | "wave.awaiting_approval" | "rollout.halted" | "rollout.completed" | "rollout.daily_summary")[];
                        secret: string;
                    }[];
                    /**
                     * @default {
                     *       "hour": 8,
                     *       "timezone": "UTC"
                     *     }
                     */
                    dailySummary?: {
                        /** @default 8 */
                        hour?: number;
                        /** @default UTC */
                        timezone?: string;
                    };
                    /** @description How long each step takes a site ("90s", "40m", "1h30m"), for the projected completion only */
                    estimates?: {
                        config_push?: string;
                        data_load?: string;
                        /** @description Includes the wait for the site lead's readiness confirmation */
                        training?: string;
                        /** @description Includes the post-cutover health check */
                        cutover?: string;
                    };
                    /** @description The JSON Schema of plans (`/v1/schemas/plan.json`), for editors; ignored */
                    $schema?: string;
                };
            };
        };
        responses: {
            /** @description The site codes of each wave, and the projected completion */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        sites: number;
                        waves: {
                            name: string;
                            sites: string[];
                        }[];
                        /** @description When the rollout would finish if it started now: each wave a sliding window of `maxParallel` sites, each site taking its steps in turn and cutting over inside its cutover window in its own time zone, the next wave starting after the previous one's bake */
                        projection: {
                            /** @description Now: the projection starts the rollout at the moment of the request */
                            startsAt: string;
                            /** @description When the last wave would end */
                            completion: string;
                            /** @description The duration of each step of a site, and where it came from */
                            durations: {
                                config_push: {
                                    /** @description How long the step takes one site */
                                    seconds: number;
                                    /**
                                     * @description `plan`: the plan's `estimates`; `history`: the median over succeeded sites of this installation's latest completed rollouts; `default`: Rollwave's default
                                     * @enum {string}
                                     */
                                    source: "plan" | "history" | "default";
                                    /** @description With `history`: the site runs the median is taken over */
                                    sampleSize?: number;
                                };
                                data_load: {
                                    /** @description How long the step takes one site */
                                    seconds: number;
                                    /**
                                     * @description `plan`: the plan's `estimates`; `history`: the median over succeeded sites of this installation's latest completed rollouts; `default`: Rollwave's default
                                     * @enum {string}
                                     */
                                    source: "plan" | "history" | "default";
                                    /** @description With `history`: the site runs the median is taken over */
                                    sampleSize?: number;
                                };
                                training: {
                                    /** @description How long the step takes one site */
                                    seconds: number;
                                    /**
                                     * @description `plan`: the plan's `estimates`; `history`: the median over succeeded sites of this installation's latest completed rollouts; `default`: Rollwave's default
                                     * @enum {string}
                                     */
                                    source: "plan" | "history" | "default";
                                    /** @description With `history`: the site runs the median is taken over */
                                    sampleSize?: number;
                                };
                                cutover: {
                                    /** @description How long the step takes one site */
                                    seconds: number;
                                    /**
                                     * @description `plan`: the plan's `estimates`; `history`: the median over succeeded sites of this installation's latest completed rollouts; `default`: Rollwave's default
                                     * @enum {string}
                                     */
                                    source: "plan" | "history" | "default";
                                    /** @description With `history`: the site runs the median is taken over */
                                    sampleSize?: number;
                                };
                            };
                            waves: {
                                name: string;
                                sites: number;
                                /** @description When its first sites would start: the previous wave's end plus its bake; manual launches counted as instant */
                                start: string;
                                /** @description When its last cutover would end */
                                end: string;
                                /** @description With a cutover window: the distinct local dates (each site's own) on which the windows its cutovers use open */
                                nights?: number;
                                /** @description What the figures assume for this wave, in words */
                                notes: string[];
                            }[];
                            /** @description What the projection assumes, in words: manual approvals counted as instant, training, windows, defaults */
                            notes: string[];
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    getRollout: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rollout */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        version: number;
                        updatedAt: string;
                        totals: {
                            pending: number;
                            running: number;
                            awaiting_readiness: number;
                            awaiting_window: number;
                            succeeded: number;
                            failed: number;
                            rolling_back: number;
                            rolled_back: number;
                            skipped: number;
                            sites: number;
                        };
                        percentComplete: number;
                        waves: {
                            name: string;
                            status: string;
                            approval: string;
                            sites: number;
                            counts: {
                                pending: number;
                                running: number;
                                awaiting_readiness: number;
                                awaiting_window: number;
                                succeeded: number;
                                failed: number;
                                rolling_back: number;
                                rolled_back: number;
                                skipped: number;
                            };
                        }[];
                        name: string;
                        plan: unknown;
                        createdAt: string;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    getProgress: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The counts, with an `ETag` of this version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        version: number;
                        updatedAt: string;
                        totals: {
                            pending: number;
                            running: number;
                            awaiting_readiness: number;
                            awaiting_window: number;
                            succeeded: number;
                            failed: number;
                            rolling_back: number;
                            rolled_back: number;
                            skipped: number;
                            sites: number;
                        };
                        percentComplete: number;
                        waves: {
                            name: string;
                            status: string;
                            approval: string;
                            sites: number;
                            counts: {
                                pending: number;
                                running: number;
                                awaiting_readiness: number;
                                awaiting_window: number;
                                succeeded: number;
                                failed: number;
                                rolling_back: number;
                                rolled_back: number;
                                skipped: number;
                            };
                        }[];
                    };
                };
            };
            /** @description Not modified: the rollout is still at the version `If-None-Match` names */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    listRolloutSites: {
        parameters: {
            query?: {
                state?: "pending" | "running" | "awaiting_readiness" | "awaiting_window" | "succeeded" | "failed" | "rolling_back" | "rolled_back" | "skipped";
                wave?: string;
                limit?: number;
                /** @description The previous page's nextCursor; a cursor of another listing is refused */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of the rollout's sites, in rollout order */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            code: string;
                            wave: string;
                            /** @description One of `pending`, `running`, `awaiting_readiness`, `awaiting_window`, `succeeded`, `failed`, `rolling_back`, `rolled_back`, `skipped` */
                            state: string;
                            /** @description One of `config_push`, `data_load`, `training`, `cutover`, `rollback` */
                            step: string | null;
                            attempts: number;
                            error: string | null;
                            updatedAt: string;
                            /** @description By step: when it started and finished */
                            timings: {
                                [key: string]: {
                                    startedAt: string;
                                    finishedAt?: string;
                                };
                            };
                            /** @description While `awaiting_window`: when the cutover window opens */
                            windowOpensAt: string | null;
                            /** @description While the data load runs: records loaded and expected */
                            dataLoad: {
                                loaded: unknown;
                                total: unknown;
                            } | null;
                            /** @description The readiness confirmation kept for the site (`confirmed`, `trainedStaff`, `totalStaff`, `note`), or null */
                            readiness: unknown;
                        }[];
                        /** @description The `cursor` of the next page; null on the last */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    listEvents: {
        parameters: {
            query?: {
                /** @description An event's cursor; 0 reads from the first event */
                after?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The events after `after`, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description The event's cursor: read on with `after` set to it */
                            cursor: string;
                            at: string;
                            type: string;
                            site: string | null;
                            wave: string | null;
                            /** @description The API key that acted (`id`, `name`), or null for what the orchestration did on its own; a readiness confirmation also says `via`: `key`, or `link` with the readiness link's `id` and the `name` it was made for */
                            actor: unknown;
                            /** @description An object: the event's particulars, by type */
                            data: unknown;
                        }[];
                        /** @description The `after` of the next read: the last cursor, or `after` when nothing came */
                        nextCursor: string;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    pauseRollout: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    resumeRollout: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    abortRollout: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    launchWave: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                wave: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    rollbackWave: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                wave: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    retrySite: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    rollbackSite: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    skipSite: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    confirmReadiness: {
        parameters: {
            query?: never;
            header?: {
                "idempotency-key"?: string;
            };
            path: {
                id: string;
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {boolean} */
                    confirmed: true;
                    trainedStaff: number;
                    totalStaff: number;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        status: string;
                        wave?: {
                            name: string;
                            status: string;
                        };
                        site?: {
                            code: string;
                            state: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `idempotency_key_reused`: the Idempotency-Key was used with another request */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    streamEvents: {
        parameters: {
            query?: {
                /** @description An event's cursor; 0 reads from the first event */
                after?: string;
            };
            header?: {
                /** @description An event's cursor; 0 reads from the first event */
                "last-event-id"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Server-Sent Events, one per event, until the client disconnects */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": string;
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    getReport: {
        parameters: {
            query?: {
                date?: string;
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The report, as JSON or (format=csv) as CSV */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        rolloutId: string;
                        date: string;
                        from: string;
                        to: string;
                        started: number;
                        succeeded: number;
                        failed: number;
                        rolledBack: number;
                        skipped: number;
                        failures: {
                            step: string | null;
                            error: string;
                            count: number;
                            sites: number;
                            exampleSites: string[];
                        }[];
                    };
                    "text/csv": string;
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    listNotifications: {
        parameters: {
            query?: {
                status?: "pending" | "delivered" | "failed";
                limit?: number;
                /** @description The previous page's nextCursor; a cursor of another listing is refused */
                cursor?: string;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            /** @description The same for every webhook told of the event, and for every attempt: deduplicate by it */
                            eventId: string;
                            /** @enum {string} */
                            event: "site.awaiting_readiness" | "site.readiness_expired" | "site.failed" | "wave.awaiting_approval" | "rollout.halted" | "rollout.completed" | "rollout.daily_summary";
                            url: string;
                            /**
                             * @description `pending` while it is tried (for at least a day), then `delivered` or `failed`
                             * @enum {string}
                             */
                            status: "pending" | "delivered" | "failed";
                            attempts: number;
                            /** @description The latest failed attempt's error; null once delivered */
                            lastError: string | null;
                            lastAttemptAt: string | null;
                            deliveredAt: string | null;
                            createdAt: string;
                        }[];
                        /** @description The `cursor` of the next page; null on the last */
                        nextCursor: string | null;
                        failing?: {
                            url: string;
                            /** @description Deliveries whose latest attempt failed */
                            failing: number;
                            lastError: string;
                        }[];
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    listWebhooks: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            id: string;
                            url: string;
                            events: ("site.awaiting_readiness" | "site.readiness_expired" | "site.failed" | "wave.awaiting_approval" | "rollout.halted" | "rollout.completed" | "rollout.daily_summary")[];
                            createdAt: string;
                        }[];
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    createWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    url: string;
                    events: ("site.awaiting_readiness" | "site.readiness_expired" | "site.failed" | "wave.awaiting_approval" | "rollout.halted" | "rollout.completed" | "rollout.daily_summary")[];
                    secret: string;
                };
            };
        };
        responses: {
            /** @description The webhook, without its secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        url: string;
                        events: ("site.awaiting_readiness" | "site.readiness_expired" | "site.failed" | "wave.awaiting_approval" | "rollout.halted" | "rollout.completed" | "rollout.daily_summary")[];
                        createdAt: string;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    deleteWebhook: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    createReadinessLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                code: string;
            };
            cookie?: never;
        };
        /** @description Optional: without a body the link is for `site lead of <code>`, for ROLLWAVE_READINESS_LINK_DAYS days */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Whom the link is for (the site lead's name): the audit trail names them for a confirmation it sends */
                    name?: string;
                    /** @description Days the link works; default `ROLLWAVE_READINESS_LINK_DAYS` (14) */
                    days?: number;
                } | null;
            };
        };
        responses: {
            /** @description Default Response */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        /** @description Revoke with DELETE /v1/readiness-links/{id} */
                        id: string;
                        site: string;
                        /** @description The site lead's page; the token is in the fragment, which browsers never send to a server */
                        url: string;
                        expiresAt: string;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    createWaveReadinessLinks: {
        parameters: {
            query?: {
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                id: string;
                wave: string;
            };
            cookie?: never;
        };
        /** @description Optional: without a body the link is for `site lead of <code>`, for ROLLWAVE_READINESS_LINK_DAYS days */
        requestBody: {
            content: {
                "application/json": {
                    /** @description Whom the link is for (the site lead's name): the audit trail names them for a confirmation it sends */
                    name?: string;
                    /** @description Days the link works; default `ROLLWAVE_READINESS_LINK_DAYS` (14) */
                    days?: number;
                } | null;
            };
        };
        responses: {
            /** @description The links, as JSON or (format=csv) as CSV with the columns id, site, url, expiresAt */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            /** @description Revoke with DELETE /v1/readiness-links/{id} */
                            id: string;
                            site: string;
                            /** @description The site lead's page; the token is in the fragment, which browsers never send to a server */
                            url: string;
                            expiresAt: string;
                        }[];
                    };
                    "text/csv": string;
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    revokeReadinessLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Revoked: the page says so from now on */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `forbidden`: the key's role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    getReadinessLinkSite: {
        parameters: {
            query?: never;
            header: {
                /** @description The token of the readiness link: what follows `#` in its URL */
                "x-readiness-token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        site: {
                            code: string;
                            name: string;
                            timezone: string;
                            state: string;
                            step: string | null;
                            inWords: string;
                        };
                        rollout: {
                            id: string;
                            name: string;
                            release: string;
                            status: string;
                        };
                        minTrainedPercent: number;
                        /** @description The cutover window in the site’s own time */
                        window: {
                            opensAt?: string;
                            closesAt?: string;
                            local: string;
                        };
                        /** @description The readiness confirmed so far, and who confirmed it */
                        confirmation: {
                            by: string;
                            at: string;
                            trainedStaff: number;
                            totalStaff: number;
                            note?: string;
                        } | null;
                        canConfirm: boolean;
                        /** @description What happens next, in words */
                        next: string;
                        link: {
                            id: string;
                            name: string;
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `link_expired` or `link_revoked`: the readiness link no longer works; the message says so in plain words */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    confirmReadinessByLink: {
        parameters: {
            query?: never;
            header: {
                /** @description The token of the readiness link: what follows `#` in its URL */
                "x-readiness-token": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": {
                    /** @enum {boolean} */
                    confirmed: true;
                    trainedStaff: number;
                    totalStaff: number;
                    note?: string;
                };
            };
        };
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        site: {
                            code: string;
                            name: string;
                            timezone: string;
                            state: string;
                            step: string | null;
                            inWords: string;
                        };
                        rollout: {
                            id: string;
                            name: string;
                            release: string;
                            status: string;
                        };
                        minTrainedPercent: number;
                        /** @description The cutover window in the site’s own time */
                        window: {
                            opensAt?: string;
                            closesAt?: string;
                            local: string;
                        };
                        /** @description The readiness confirmed so far, and who confirmed it */
                        confirmation: {
                            by: string;
                            at: string;
                            trainedStaff: number;
                            totalStaff: number;
                            note?: string;
                        } | null;
                        canConfirm: boolean;
                        /** @description What happens next, in words */
                        next: string;
                        link: {
                            id: string;
                            name: string;
                            expiresAt: string;
                        };
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `not_found`: the rollout, wave, site, key or readiness link named does not exist */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `conflict`: not allowed in the current state, which the message names */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `link_expired` or `link_revoked`: the readiness link no longer works; the message says so in plain words */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `payload_too_large`: the body is larger than 10 MiB */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unsupported_media_type`: the body is not JSON (nor CSV, where the route takes CSV) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    getOwnKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        id: string;
                        name: string;
                        /** @enum {string} */
                        role: "admin" | "manager" | "site-lead" | "viewer";
                        /** @description For a site-lead key: the sites whose readiness it may confirm; empty for other roles */
                        sites: string[];
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
    listOwnSites: {
        parameters: {
            query?: {
                limit?: number;
                /** @description The previous page's nextCursor; a cursor of another listing is refused */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Default Response */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: {
                            site: {
                                code: string;
                                name: string;
                                timezone: string;
                                state: string;
                                step: string | null;
                                inWords: string;
                            };
                            rollout: {
                                id: string;
                                name: string;
                                release: string;
                                status: string;
                            };
                            minTrainedPercent: number;
                            /** @description The cutover window in the site’s own time */
                            window: {
                                opensAt?: string;
                                closesAt?: string;
                                local: string;
                            };
                            /** @description The readiness confirmed so far, and who confirmed it */
                            confirmation: {
                                by: string;
                                at: string;
                                trainedStaff: number;
                                totalStaff: number;
                                note?: string;
                            } | null;
                            canConfirm: boolean;
                            /** @description What happens next, in words */
                            next: string;
                        }[];
                        /** @description The `cursor` of the next page; null on the last */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description `invalid_request`: one `details` entry per problem, each naming its field */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `unauthorized`: no API key, or one that is unknown or revoked */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `rate_limited`: too many requests; retry after `Retry-After` seconds */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
            /** @description `database_unavailable` or `temporal_unavailable`: retry after `Retry-After` seconds */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        error: {
                            code: string;
                            message: string;
                            details: ({
                                path?: string;
                                message: string;
                            } & {
                                [key: string]: unknown;
                            })[];
                            requestId?: string;
                        };
                    };
                };
            };
        };
    };
}
