CREATE TABLE "inbox_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"account_id" uuid,
	"source" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"network" text,
	"event_kind" text NOT NULL,
	"uri" text,
	"url" text,
	"text" text NOT NULL,
	"subject_uri" text,
	"conversation_key" text NOT NULL,
	"author_id" uuid,
	"sender_name" text,
	"sender_contact" text,
	"sender_key" text,
	"created_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"sentiment" text NOT NULL,
	"reasons" jsonb NOT NULL,
	"language" text,
	"rule_id" uuid,
	"rule_name" text,
	"assignee_id" uuid,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"priority" smallint DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"snooze_until" timestamp with time zone,
	"first_response_at" timestamp with time zone,
	"first_responder_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_reactions" (
	"account_id" uuid NOT NULL,
	"event_id" text NOT NULL,
	"kind" text NOT NULL,
	"subject_uri" text,
	"author_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "inbox_reactions_account_id_event_id_pk" PRIMARY KEY("account_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "inbox_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"post_id" uuid NOT NULL,
	"user_id" uuid,
	"recipient_key" text NOT NULL,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"business_hours" jsonb NOT NULL,
	"first_response_target_minutes" integer DEFAULT 240 NOT NULL,
	"feedback_slug" text,
	"feedback_enabled" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "inbox_sync" (
	"account_id" uuid PRIMARY KEY NOT NULL,
	"next_poll_at" timestamp with time zone NOT NULL,
	"last_polled_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone,
	"delay_ms" integer,
	"backfill_cursor" text,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"network" text NOT NULL,
	"network_id" text NOT NULL,
	"handle" text NOT NULL,
	"display_name" text DEFAULT '' NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"avatar_url" text,
	"followers_count" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "routing_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "snippets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"text" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "variants" ADD COLUMN "reply_to" jsonb;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_items" ADD CONSTRAINT "inbox_items_first_responder_id_users_id_fk" FOREIGN KEY ("first_responder_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reactions" ADD CONSTRAINT "inbox_reactions_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_reactions" ADD CONSTRAINT "inbox_reactions_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_item_id_inbox_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."inbox_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_replies" ADD CONSTRAINT "inbox_replies_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_settings" ADD CONSTRAINT "inbox_settings_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbox_sync" ADD CONSTRAINT "inbox_sync_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routing_rules" ADD CONSTRAINT "routing_rules_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "snippets" ADD CONSTRAINT "snippets_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_items_dedupe" ON "inbox_items" USING btree ("workspace_id","dedupe_key");--> statement-breakpoint
CREATE INDEX "inbox_items_by_status" ON "inbox_items" USING btree ("workspace_id","status","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "inbox_items_by_assignee" ON "inbox_items" USING btree ("workspace_id","assignee_id","status","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "inbox_items_by_account" ON "inbox_items" USING btree ("account_id","status","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "inbox_items_by_kind" ON "inbox_items" USING btree ("workspace_id","kind","status","priority","created_at","id");--> statement-breakpoint
CREATE INDEX "inbox_items_conversation" ON "inbox_items" USING btree ("workspace_id","conversation_key");--> statement-breakpoint
CREATE INDEX "inbox_items_author" ON "inbox_items" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "inbox_items_snoozed" ON "inbox_items" USING btree ("snooze_until") WHERE "inbox_items"."status" = 'snoozed';--> statement-breakpoint
CREATE INDEX "inbox_items_sender" ON "inbox_items" USING btree ("workspace_id","sender_key","received_at") WHERE "inbox_items"."sender_key" is not null;--> statement-breakpoint
CREATE INDEX "inbox_reactions_account_id_subject_uri_index" ON "inbox_reactions" USING btree ("account_id","subject_uri");--> statement-breakpoint
CREATE INDEX "inbox_reactions_author_id_account_id_index" ON "inbox_reactions" USING btree ("author_id","account_id");--> statement-breakpoint
CREATE INDEX "inbox_replies_workspace_id_created_at_index" ON "inbox_replies" USING btree ("workspace_id","created_at");--> statement-breakpoint
CREATE INDEX "inbox_replies_item_id_index" ON "inbox_replies" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "inbox_settings_feedback_slug" ON "inbox_settings" USING btree ("feedback_slug");--> statement-breakpoint
CREATE UNIQUE INDEX "people_identity" ON "people" USING btree ("workspace_id","network","network_id");--> statement-breakpoint
CREATE INDEX "people_person_id_index" ON "people" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "routing_rules_workspace_id_position_index" ON "routing_rules" USING btree ("workspace_id","position");--> statement-breakpoint
CREATE INDEX "snippets_workspace_id_index" ON "snippets" USING btree ("workspace_id");