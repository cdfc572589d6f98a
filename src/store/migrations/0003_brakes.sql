CREATE TABLE "brakes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"scope" text NOT NULL,
	"workspace_id" uuid,
	"account_id" uuid,
	"reason" text NOT NULL,
	"engaged_by" uuid,
	"engaged_by_label" text,
	"engaged_at" timestamp with time zone DEFAULT now() NOT NULL,
	"released_by" uuid,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "brakes" ADD CONSTRAINT "brakes_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brakes" ADD CONSTRAINT "brakes_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brakes" ADD CONSTRAINT "brakes_engaged_by_users_id_fk" FOREIGN KEY ("engaged_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "brakes" ADD CONSTRAINT "brakes_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "brakes_engaged" ON "brakes" USING btree ("scope") WHERE "brakes"."released_at" is null;