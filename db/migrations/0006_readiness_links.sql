CREATE TABLE "readiness_links" (
	"id" text PRIMARY KEY NOT NULL,
	"rollout_id" text NOT NULL,
	"site_code" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"created_by" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "readiness_links_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "readiness_links" ADD CONSTRAINT "readiness_links_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "readiness_links_site_idx" ON "readiness_links" USING btree ("rollout_id","site_code");