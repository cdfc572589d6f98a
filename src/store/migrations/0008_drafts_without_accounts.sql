ALTER TABLE "variants" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "posts" ADD COLUMN "text" text;--> statement-breakpoint
-- Hand-written: existing variants take their account's network before the column is required.
ALTER TABLE "variants" ADD COLUMN "network" text;--> statement-breakpoint
UPDATE "variants" SET "network" = "accounts"."network" FROM "accounts" WHERE "accounts"."id" = "variants"."account_id";--> statement-breakpoint
ALTER TABLE "variants" ALTER COLUMN "network" SET NOT NULL;
