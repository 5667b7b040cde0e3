CREATE TABLE "action_answers" (
	"rollout_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"request" text NOT NULL,
	"answer" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_answers_rollout_id_idempotency_key_pk" PRIMARY KEY("rollout_id","idempotency_key")
);
--> statement-breakpoint
ALTER TABLE "action_answers" ADD CONSTRAINT "action_answers_rollout_id_rollouts_id_fk" FOREIGN KEY ("rollout_id") REFERENCES "public"."rollouts"("id") ON DELETE cascade ON UPDATE no action;