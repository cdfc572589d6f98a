CREATE TABLE "measure_units" (
	"post_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"network" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"replies" integer DEFAULT 0 NOT NULL,
	"reposts" integer DEFAULT 0 NOT NULL,
	"quotes" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"people" integer DEFAULT 0 NOT NULL,
	"conversations" integer DEFAULT 0 NOT NULL,
	"deleted" boolean DEFAULT false NOT NULL,
	"topics" text[] DEFAULT '{}'::text[] NOT NULL,
	"approach" text,
	"campaign_id" uuid,
	"clicks" integer DEFAULT 0 NOT NULL,
	"visitors" integer DEFAULT 0 NOT NULL,
	"bots" integer DEFAULT 0 NOT NULL,
	"answered" integer DEFAULT 0 NOT NULL,
	"response_seconds" integer[] DEFAULT '{}'::int[] NOT NULL,
	CONSTRAINT "measure_units_post_id_account_id_pk" PRIMARY KEY("post_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_post_id_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_units" ADD CONSTRAINT "measure_units_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "measure_units_period" ON "measure_units" USING btree ("workspace_id","published_at","post_id","account_id");--> statement-breakpoint
CREATE INDEX "inbox_items_subject" ON "inbox_items" USING btree ("workspace_id","subject_uri");--> statement-breakpoint
CREATE INDEX "delivery_engagement_post" ON "delivery_engagement" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "deliveries_uri" ON "deliveries" USING btree ("uri");--> statement-breakpoint
-- Hand-written: measure_units is derived, and the database keeps it so in the transaction of
-- every writer of its sources (statement-level triggers below): delivery_engagement, post_labels,
-- link_clicks, link_visitors and inbox_items. refresh_measure_units rewrites the rows of the
-- posts given from their sources. It first locks those posts' rows, held to commit: two writers
-- of one post recompute one after the other, and under READ COMMITTED the later one's statement
-- reads what the earlier one committed, so neither's change is lost. One order (by id) for all.
CREATE FUNCTION refresh_measure_units(post_ids uuid[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(cardinality(post_ids), 0) = 0 THEN RETURN; END IF;
  PERFORM 1 FROM posts WHERE id = ANY(post_ids) ORDER BY id FOR NO KEY UPDATE;
  WITH ids AS (SELECT DISTINCT unnest(post_ids) AS post_id),
  units AS (
    SELECT de.post_id, de.account_id, de.workspace_id, min(de.network) AS network,
      min(de.published_at) AS published_at, sum(de.replies)::int AS replies,
      sum(de.reposts)::int AS reposts, sum(de.quotes)::int AS quotes, sum(de.likes)::int AS likes,
      sum(de.people)::int AS people, sum(de.conversations)::int AS conversations,
      bool_and(de.deleted) AS deleted
    FROM delivery_engagement de
    WHERE de.post_id IN (SELECT post_id FROM ids)
    GROUP BY de.post_id, de.account_id, de.workspace_id
  ),
  clicks AS (
    SELECT l.post_id, l.network, coalesce(sum(least(v.clicks, 3)), 0)::int AS clicks,
      count(v.visitor)::int AS visitors
    FROM short_links l JOIN link_visitors v ON v.link_id = l.id
    WHERE l.post_id IN (SELECT post_id FROM ids)
    GROUP BY l.post_id, l.network
  ),
  bots AS (
    SELECT l.post_id, l.network, coalesce(sum(c.bots), 0)::int AS bots
    FROM short_links l JOIN link_clicks c ON c.link_id = l.id
    WHERE l.post_id IN (SELECT post_id FROM ids)
    GROUP BY l.post_id, l.network
  ),
  -- The inbox's replies to each variant's segments, found by our posts' URIs.
  answers AS (
    SELECT de.post_id, de.account_id, count(i.first_response_at)::int AS answered,
      array_agg(extract(epoch FROM i.first_response_at - i.created_at)::int)
        FILTER (WHERE i.first_response_at IS NOT NULL) AS response_seconds
    FROM delivery_engagement de
    JOIN deliveries d ON d.id = de.delivery_id
    JOIN inbox_items i ON i.workspace_id = de.workspace_id AND i.subject_uri = d.uri
    WHERE de.post_id IN (SELECT post_id FROM ids) AND i.event_kind = 'reply'
    GROUP BY de.post_id, de.account_id
  ),
  gone AS (
    DELETE FROM measure_units m WHERE m.post_id IN (SELECT post_id FROM ids)
      AND NOT EXISTS (SELECT FROM units u WHERE u.post_id = m.post_id AND u.account_id = m.account_id)
  )
  INSERT INTO measure_units (post_id, account_id, workspace_id, network, published_at, replies,
    reposts, quotes, likes, people, conversations, deleted, topics, approach, campaign_id, clicks,
    visitors, bots, answered, response_seconds)
  SELECT u.post_id, u.account_id, u.workspace_id, u.network, u.published_at, u.replies, u.reposts,
    u.quotes, u.likes, u.people, u.conversations, u.deleted, coalesce(pl.topics, '{}'), pl.approach,
    pl.campaign_id, coalesce(k.clicks, 0), coalesce(k.visitors, 0), coalesce(b.bots, 0),
    coalesce(x.answered, 0), coalesce(x.response_seconds, '{}')
  FROM units u
  LEFT JOIN post_labels pl ON pl.post_id = u.post_id
  LEFT JOIN clicks k ON k.post_id = u.post_id AND k.network = u.network
  LEFT JOIN bots b ON b.post_id = u.post_id AND b.network = u.network
  LEFT JOIN answers x ON x.post_id = u.post_id AND x.account_id = u.account_id
  ON CONFLICT (post_id, account_id) DO UPDATE SET network = excluded.network,
    published_at = excluded.published_at, replies = excluded.replies, reposts = excluded.reposts,
    quotes = excluded.quotes, likes = excluded.likes, people = excluded.people,
    conversations = excluded.conversations, deleted = excluded.deleted, topics = excluded.topics,
    approach = excluded.approach, campaign_id = excluded.campaign_id, clicks = excluded.clicks,
    visitors = excluded.visitors, bots = excluded.bots, answered = excluded.answered,
    response_seconds = excluded.response_seconds;
END $$;
--> statement-breakpoint
-- The rows a statement wrote (NEW TABLE) or removed (OLD TABLE) name the posts to refresh: by
-- their post_id, their short link's post, or the post whose URI an inbox reply answers.
CREATE FUNCTION measure_units_follow() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
BEGIN
  IF TG_TABLE_NAME IN ('delivery_engagement', 'post_labels') THEN
    IF TG_OP = 'INSERT' THEN changed := array(SELECT post_id FROM new_rows);
    ELSIF TG_OP = 'UPDATE' THEN
      changed := array(SELECT post_id FROM new_rows UNION SELECT post_id FROM old_rows);
    ELSE changed := array(SELECT post_id FROM old_rows);
    END IF;
  ELSIF TG_TABLE_NAME IN ('link_clicks', 'link_visitors') THEN
    IF TG_OP = 'INSERT' THEN
      changed := array(SELECT DISTINCT l.post_id FROM short_links l WHERE l.id IN (SELECT link_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
      changed := array(SELECT DISTINCT l.post_id FROM short_links l
        WHERE l.id IN (SELECT link_id FROM new_rows UNION SELECT link_id FROM old_rows));
    ELSE
      changed := array(SELECT DISTINCT l.post_id FROM short_links l WHERE l.id IN (SELECT link_id FROM old_rows));
    END IF;
  ELSE -- inbox_items: only replies, and an update only when what Measure reads of one changed.
    IF TG_OP = 'INSERT' THEN
      changed := array(SELECT DISTINCT d.post_id FROM new_rows i JOIN deliveries d ON d.uri = i.subject_uri
        WHERE i.event_kind = 'reply');
    ELSIF TG_OP = 'UPDATE' THEN
      changed := array(SELECT DISTINCT d.post_id
        FROM new_rows n JOIN old_rows o ON o.id = n.id
        CROSS JOIN LATERAL (VALUES (n.subject_uri), (o.subject_uri)) AS s(uri)
        JOIN deliveries d ON d.uri = s.uri
        WHERE (n.subject_uri, n.event_kind, n.created_at, n.first_response_at, n.workspace_id)
          IS DISTINCT FROM (o.subject_uri, o.event_kind, o.created_at, o.first_response_at, o.workspace_id)
          AND 'reply' IN (n.event_kind, o.event_kind));
    ELSE
      changed := array(SELECT DISTINCT d.post_id FROM old_rows i JOIN deliveries d ON d.uri = i.subject_uri
        WHERE i.event_kind = 'reply');
    END IF;
  END IF;
  PERFORM refresh_measure_units(changed);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "delivery_engagement_measure_insert" AFTER INSERT ON "delivery_engagement" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "delivery_engagement_measure_update" AFTER UPDATE ON "delivery_engagement" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "delivery_engagement_measure_delete" AFTER DELETE ON "delivery_engagement" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();
--> statement-breakpoint
CREATE TRIGGER "post_labels_measure_insert" AFTER INSERT ON "post_labels" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "post_labels_measure_update" AFTER UPDATE ON "post_labels" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "post_labels_measure_delete" AFTER DELETE ON "post_labels" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();
--> statement-breakpoint
CREATE TRIGGER "link_clicks_measure_insert" AFTER INSERT ON "link_clicks" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "link_clicks_measure_update" AFTER UPDATE ON "link_clicks" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "link_clicks_measure_delete" AFTER DELETE ON "link_clicks" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();
--> statement-breakpoint
CREATE TRIGGER "link_visitors_measure_insert" AFTER INSERT ON "link_visitors" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "link_visitors_measure_update" AFTER UPDATE ON "link_visitors" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "link_visitors_measure_delete" AFTER DELETE ON "link_visitors" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();
--> statement-breakpoint
CREATE TRIGGER "inbox_items_measure_insert" AFTER INSERT ON "inbox_items" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "inbox_items_measure_update" AFTER UPDATE ON "inbox_items" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();--> statement-breakpoint
CREATE TRIGGER "inbox_items_measure_delete" AFTER DELETE ON "inbox_items" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION measure_units_follow();
--> statement-breakpoint
SELECT refresh_measure_units(array(SELECT DISTINCT post_id FROM delivery_engagement));
