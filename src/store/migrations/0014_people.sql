CREATE TABLE "account_people" (
	"account_id" uuid NOT NULL,
	"profile_id" text NOT NULL,
	"handle" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"avatar_url" text,
	"url" text,
	"profile_created_at" timestamp with time zone,
	"posts_count" integer,
	"followers_count" integer,
	"following_count" integer,
	"last_post_at" timestamp with time zone,
	"context_at" timestamp with time zone,
	"follows_us" boolean DEFAULT false NOT NULL,
	"follower_order" bigint,
	"follower_pass" integer,
	"we_follow" boolean DEFAULT false NOT NULL,
	"following_order" bigint,
	"following_pass" integer,
	"review" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"gone_at" timestamp with time zone,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_people_account_id_profile_id_pk" PRIMARY KEY("account_id","profile_id")
);
--> statement-breakpoint
CREATE TABLE "people_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"account_id" uuid NOT NULL,
	"profile_id" text NOT NULL,
	"action" text NOT NULL,
	"requested_by" uuid NOT NULL,
	"state" text DEFAULT 'sending' NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "people_syncs" (
	"account_id" uuid NOT NULL,
	"list" text NOT NULL,
	"state" text DEFAULT 'idle' NOT NULL,
	"kind" text DEFAULT 'full' NOT NULL,
	"pass" integer DEFAULT 0 NOT NULL,
	"step" integer DEFAULT 0 NOT NULL,
	"cursor" text,
	"listed" integer DEFAULT 0 NOT NULL,
	"added" integer DEFAULT 0 NOT NULL,
	"removed" integer DEFAULT 0 NOT NULL,
	"expected" integer,
	"requests" integer DEFAULT 0 NOT NULL,
	"baseline_at" timestamp with time zone,
	"last_full_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"paused_reason" text,
	"last_error" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "people_syncs_account_id_list_pk" PRIMARY KEY("account_id","list")
);
--> statement-breakpoint
ALTER TABLE "account_people" ADD CONSTRAINT "account_people_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_people" ADD CONSTRAINT "account_people_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_actions" ADD CONSTRAINT "people_actions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people_syncs" ADD CONSTRAINT "people_syncs_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_people_followers" ON "account_people" USING btree ("account_id","follower_order") WHERE "account_people"."follows_us";--> statement-breakpoint
CREATE INDEX "account_people_review" ON "account_people" USING btree ("account_id","follower_order") WHERE "account_people"."follows_us" and "account_people"."review" = 'new';--> statement-breakpoint
CREATE INDEX "account_people_following" ON "account_people" USING btree ("account_id","following_order") WHERE "account_people"."we_follow";--> statement-breakpoint
CREATE INDEX "people_actions_requested_by_created_at_index" ON "people_actions" USING btree ("requested_by","created_at");--> statement-breakpoint
CREATE INDEX "people_actions_account_id_created_at_index" ON "people_actions" USING btree ("account_id","created_at");