CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"sites" text[] DEFAULT '{}' NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_key_hash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"rollout_id" text NOT NULL,
	"seq" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"site" text,
	"wave" text,
	"actor" jsonb,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	CONSTRAINT "events_rollout_id_seq_pk" PRIMARY KEY("rollout_id","seq")
);
--> statement-breakpoint
CREATE TABLE "rollout_waves" (
	"rollout_id" text NOT NULL,
	"idx" integer NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"start" integer NOT NULL,
	"size" integer NOT NULL,
	CONSTRAINT "rollout_waves_rollout_id_idx_pk" PRIMARY KEY("rollout_id","idx")
);
--> statement-breakpoint
CREATE TABLE "rollouts" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"plan" jsonb NOT NULL,
	"status" text NOT NULL,
	"site_count" integer NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL,
	"idempotency_key" text,
	"request_hash" text,
	"created_by" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "site_runs" (
	"rollout_id" text NOT NULL,
	"site_code" text NOT NULL,
	"ordinal" integer NOT NULL,
	"wave_idx" integer NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"step" text,
	"attempts" integer DEFAULT 1 NOT NULL,
	"error" text,
	"seq" integer DEFAULT 0 NOT NULL,
	"completed_steps" text[] DEFAULT '{}' NOT NULL,
	"previous_version" text,
	"data_load_id" text,
	"data_load" jsonb,
	"step_timings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"window_opens_at" timestamp with time zone,
	"readiness" jsonb,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "site_runs_rollout_id_site_code_pk" PRIMARY KEY("rollout_id","site_code")
);
--> statement-breakpoint
CREATE TABLE "sites" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region" text NOT NULL,
	"timezone" text NOT NULL,
	"tags" text[] DEFAULT '{}' NOT NULL,
	"endpoint" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "wave_state_counts" (
	"rollout_id" text NOT NULL,
	"wave_idx" integer NOT NULL,
	"state" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "wave_state_counts_rollout_id_wave_idx_state_pk" PRIMARY KEY("rollout_id","wave_idx","state")
);
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rollout_waves" ADD CONSTRAINT "rollout_waves_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "site_runs" ADD CONSTRAINT "site_runs_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wave_state_counts" ADD CONSTRAINT "wave_state_counts_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rollouts_idempotency_key_idx" ON "rollouts" USING btree ("idempotency_key");--> statement-breakpoint
CREATE INDEX "rollouts_status_idx" ON "rollouts" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "site_runs_ordinal_idx" ON "site_runs" USING btree ("rollout_id","ordinal");--> statement-breakpoint
CREATE INDEX "site_runs_state_idx" ON "site_runs" USING btree ("rollout_id","state","ordinal");--> statement-breakpoint
CREATE INDEX "site_runs_wave_idx" ON "site_runs" USING btree ("rollout_id","wave_idx","ordinal");--> statement-breakpoint
CREATE INDEX "sites_region_code_idx" ON "sites" USING btree ("region","code");--> statement-breakpoint
CREATE INDEX "sites_tags_idx" ON "sites" USING gin ("tags");