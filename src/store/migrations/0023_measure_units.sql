CREATE TABLE "measure_posts" (
	"post_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_day" date NOT NULL,
	"replies" integer NOT NULL,
	"reposts" integer NOT NULL,
	"quotes" integer NOT NULL,
	"likes" integer NOT NULL,
	"people" integer NOT NULL,
	"conversations" integer NOT NULL,
	"deleted" boolean NOT NULL,
	"clicks" integer NOT NULL,
	"visitors" integer NOT NULL,
	"bot_clicks" integer NOT NULL,
	"answered" integer NOT NULL,
	"response_seconds" integer[] NOT NULL,
	"topics" text[] NOT NULL,
	"approach" text,
	"campaign_id" uuid
);
--> statement-breakpoint
CREATE TABLE "measure_units" (
	"variant_id" uuid PRIMARY KEY NOT NULL,
	"post_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"network" text NOT NULL,
	"first_of_post" boolean NOT NULL,
	"workspace_id" uuid NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_day" date NOT NULL,
	"replies" integer NOT NULL,
	"reposts" integer NOT NULL,
	"quotes" integer NOT NULL,
	"likes" integer NOT NULL,
	"people" integer NOT NULL,
	"conversations" integer NOT NULL,
	"deleted" boolean NOT NULL,
	"clicks" integer NOT NULL,
	"visitors" integer NOT NULL,
	"bot_clicks" integer NOT NULL,
	"answered" integer NOT NULL,
	"response_seconds" integer[] NOT NULL,
	"topics" text[] NOT NULL,
	"approach" text,
	"campaign_id" uuid
);
--> statement-breakpoint
ALTER TABLE "measure_posts" ADD CONSTRAINT "measure_posts_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_posts" ADD CONSTRAINT "measure_posts_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_posts" ADD CONSTRAINT "measure_posts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_variant_id_variants_id_fk" FOREIGN KEY ("variant_id") REFERENCES "public"."variants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_posts_period" ON "measure_posts" USING btree ("workspace_id","published_at");--> statement-breakpoint
CREATE INDEX "measure_posts_answered" ON "measure_posts" USING btree ("workspace_id","published_at") WHERE "measure_posts"."answered" > 0;--> statement-breakpoint
CREATE INDEX "measure_units_period" ON "measure_units" USING btree ("workspace_id","published_at");--> statement-breakpoint
CREATE INDEX "measure_units_answered" ON "measure_units" USING btree ("workspace_id","published_at") WHERE "measure_units"."answered" > 0;--> statement-breakpoint
CREATE INDEX "inbox_items_answered" ON "inbox_items" USING btree ("workspace_id","subject_uri") WHERE "inbox_items"."event_kind" = 'reply' and "inbox_items"."first_response_at" is not null;--> statement-breakpoint
CREATE INDEX "deliveries_uri" ON "deliveries" USING btree ("uri") WHERE "deliveries"."uri" is not null;--> statement-breakpoint
-- Measure rows for what was measured before these tables existed (store/refresh-measure-units.ts).
with variant as (
  select d.variant_id, de.workspace_id, de.post_id, de.account_id, min(de.network) as network,
    min(de.published_at) as published_at,
    sum(de.replies)::int as replies, sum(de.reposts)::int as reposts,
    sum(de.quotes)::int as quotes, sum(de.likes)::int as likes, sum(de.people)::int as people,
    sum(de.conversations)::int as conversations, bool_and(de.deleted) as deleted
  from delivery_engagement de
  join deliveries d on d.id = de.delivery_id
  where true
  group by d.variant_id, de.workspace_id, de.post_id, de.account_id
),
-- A visitor counts 3 clicks a day at most: a reload loop is not interest.
visits as (
  select l.post_id, l.network, coalesce(sum(least(v.clicks, 3)), 0)::int as clicks,
    count(v.visitor)::int as visitors
  from short_links l join link_visitors v on v.link_id = l.id
  where true
  group by l.post_id, l.network
),
bots as (
  select l.post_id, l.network, coalesce(sum(c.bots), 0)::int as bots
  from short_links l join link_clicks c on c.link_id = l.id
  where true
  group by l.post_id, l.network
),
-- The inbox's answered replies to our posts' segments, found by their URIs.
answer as (
  select d.variant_id, d.post_id, i.created_at,
    extract(epoch from i.first_response_at - i.created_at)::int as seconds
  from deliveries d
  join posts p on p.id = d.post_id
  join inbox_items i on i.workspace_id = p.workspace_id and i.subject_uri = d.uri
    and i.event_kind = 'reply' and i.first_response_at is not null
  where true and d.uri is not null
),
variant_answers as (
  select variant_id, count(*)::int as answered,
    array_agg(seconds order by created_at) as response_seconds
  from answer group by variant_id
),
post_answers as (
  select post_id, count(*)::int as answered,
    array_agg(seconds order by created_at) as response_seconds
  from answer group by post_id
),
-- A post's links' clicks count once, however many of its variants share a network.
post_clicks as (
  select post_id, sum(clicks)::int as clicks, sum(visitors)::int as visitors,
    sum(bots)::int as bots
  from (select post_id, clicks, visitors, 0 as bots from visits
    union all select post_id, 0, 0, bots from bots) c
  group by post_id
),
unit as (
  select v.*, (v.published_at at time zone 'UTC')::date as published_day,
    row_number() over (partition by v.post_id order by v.published_at, v.account_id) = 1
      as first_of_post,
    coalesce(k.clicks, 0) as clicks, coalesce(k.visitors, 0) as visitors,
    coalesce(b.bots, 0) as bot_clicks,
    coalesce(x.answered, 0) as answered, coalesce(x.response_seconds, '{}') as response_seconds,
    coalesce(pl.topics, '{}') as topics, pl.approach, pl.campaign_id
  from variant v
  left join visits k on k.post_id = v.post_id and k.network = v.network
  left join bots b on b.post_id = v.post_id and b.network = v.network
  left join variant_answers x on x.variant_id = v.variant_id
  left join post_labels pl on pl.post_id = v.post_id
),
written as (
  insert into measure_units (variant_id, post_id, account_id, network, first_of_post,
    workspace_id, replies, reposts, quotes, likes, people, conversations, deleted, clicks, visitors, bot_clicks, answered, response_seconds, published_at, published_day, topics, approach, campaign_id)
  select variant_id, post_id, account_id, network, first_of_post, workspace_id, replies, reposts, quotes, likes, people, conversations, deleted, clicks, visitors, bot_clicks, answered, response_seconds,
    published_at, published_day, topics, approach, campaign_id
  from unit
  on conflict (variant_id) do update set first_of_post = excluded.first_of_post, replies = excluded.replies, reposts = excluded.reposts, quotes = excluded.quotes, likes = excluded.likes, people = excluded.people, conversations = excluded.conversations, deleted = excluded.deleted, clicks = excluded.clicks, visitors = excluded.visitors, bot_clicks = excluded.bot_clicks, answered = excluded.answered, response_seconds = excluded.response_seconds, published_at = excluded.published_at, published_day = excluded.published_day, topics = excluded.topics, approach = excluded.approach, campaign_id = excluded.campaign_id
)
-- A post: its variants summed, its links' clicks once, its answers in the order they came.
insert into measure_posts (post_id, workspace_id, replies, reposts, quotes, likes, people, conversations, deleted, clicks, visitors, bot_clicks, answered, response_seconds, published_at, published_day,
  topics, approach, campaign_id)
select u.post_id, u.workspace_id, u.replies, u.reposts, u.quotes, u.likes, u.people,
  u.conversations, u.deleted, coalesce(k.clicks, 0), coalesce(k.visitors, 0),
  coalesce(k.bots, 0), coalesce(x.answered, 0), coalesce(x.response_seconds, '{}'),
  u.published_at, u.published_day, u.topics, u.approach, u.campaign_id
from (
  select post_id, workspace_id, sum(replies) as replies, sum(reposts) as reposts,
    sum(quotes) as quotes, sum(likes) as likes, sum(people) as people,
    sum(conversations) as conversations, bool_and(deleted) as deleted,
    min(published_at) as published_at, min(published_day) as published_day, topics,
    approach, campaign_id
  from unit
  group by post_id, workspace_id, topics, approach, campaign_id
) u
left join post_clicks k on k.post_id = u.post_id
left join post_answers x on x.post_id = u.post_id
on conflict (post_id) do update set replies = excluded.replies, reposts = excluded.reposts, quotes = excluded.quotes, likes = excluded.likes, people = excluded.people, conversations = excluded.conversations, deleted = excluded.deleted, clicks = excluded.clicks, visitors = excluded.visitors, bot_clicks = excluded.bot_clicks, answered = excluded.answered, response_seconds = excluded.response_seconds, published_at = excluded.published_at, published_day = excluded.published_day, topics = excluded.topics, approach = excluded.approach, campaign_id = excluded.campaign_id;
