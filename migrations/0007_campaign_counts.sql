CREATE TABLE "campaign_counts" (
	"campaign_id" uuid PRIMARY KEY NOT NULL,
	"submissions" integer DEFAULT 0 NOT NULL,
	"participants" integer DEFAULT 0 NOT NULL,
	"districts" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "campaign_districts" (
	"campaign_id" uuid NOT NULL,
	"district_code" text NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "campaign_districts_campaign_id_district_code_pk" PRIMARY KEY("campaign_id","district_code")
);
--> statement-breakpoint
CREATE TABLE "campaign_participants" (
	"campaign_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"entries" integer NOT NULL,
	CONSTRAINT "campaign_participants_campaign_id_author_id_pk" PRIMARY KEY("campaign_id","author_id")
);
--> statement-breakpoint
ALTER TABLE "campaign_counts" ADD CONSTRAINT "campaign_counts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_districts" ADD CONSTRAINT "campaign_districts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_participants" ADD CONSTRAINT "campaign_participants_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- A campaign's public counts follow its submissions in the same transaction: visible entries
-- (published, shortlisted or merged, as in campaigns/service.ts), distinct authors and distinct
-- districts among them. campaign_participants and campaign_districts count each author's and
-- district's visible entries; a count going 0 → 1 or 1 → 0 moves the campaign's figure. Every
-- change takes the campaign's campaign_counts row first, so changes in one campaign queue there
-- and never deadlock on the rows under it. (One transaction changing entries of two campaigns in
-- the opposite order to another could; nothing does.)
CREATE FUNCTION count_visible_entry(p_campaign uuid, p_author uuid, p_district text, p_delta integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  n integer;
  authors integer := 0;
  places integer := 0;
BEGIN
  INSERT INTO campaign_counts AS c (campaign_id, submissions) VALUES (p_campaign, p_delta)
    ON CONFLICT (campaign_id) DO UPDATE SET submissions = c.submissions + p_delta;
  INSERT INTO campaign_participants AS p (campaign_id, author_id, entries) VALUES (p_campaign, p_author, p_delta)
    ON CONFLICT (campaign_id, author_id) DO UPDATE SET entries = p.entries + p_delta
    RETURNING entries INTO n;
  IF p_delta > 0 AND n = 1 THEN authors := 1; ELSIF p_delta < 0 AND n = 0 THEN authors := -1; END IF;
  IF p_district IS NOT NULL THEN
    INSERT INTO campaign_districts AS d (campaign_id, district_code, entries) VALUES (p_campaign, p_district, p_delta)
      ON CONFLICT (campaign_id, district_code) DO UPDATE SET entries = d.entries + p_delta
      RETURNING entries INTO n;
    IF p_delta > 0 AND n = 1 THEN places := 1; ELSIF p_delta < 0 AND n = 0 THEN places := -1; END IF;
  END IF;
  IF authors <> 0 OR places <> 0 THEN
    UPDATE campaign_counts SET participants = participants + authors, districts = districts + places
      WHERE campaign_id = p_campaign;
  END IF;
END
$$;
--> statement-breakpoint
CREATE FUNCTION submissions_keep_campaign_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status IN ('published', 'shortlisted', 'merged') AND NEW.status IN ('published', 'shortlisted', 'merged')
     AND NEW.campaign_id = OLD.campaign_id AND NEW.author_id = OLD.author_id
     AND NEW.district_code IS NOT DISTINCT FROM OLD.district_code THEN
    RETURN NULL; -- visible before and after, counted in the same places
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status IN ('published', 'shortlisted', 'merged') THEN
    PERFORM count_visible_entry(OLD.campaign_id, OLD.author_id, OLD.district_code, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status IN ('published', 'shortlisted', 'merged') THEN
    PERFORM count_visible_entry(NEW.campaign_id, NEW.author_id, NEW.district_code, 1);
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- Vote and comment counters change other columns, so they do not fire it.
CREATE TRIGGER submissions_campaign_counts
  AFTER INSERT OR DELETE OR UPDATE OF status, campaign_id, author_id, district_code ON submissions
  FOR EACH ROW EXECUTE FUNCTION submissions_keep_campaign_counts();
--> statement-breakpoint
CREATE FUNCTION submissions_truncate_campaign_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM campaign_participants;
  DELETE FROM campaign_districts;
  DELETE FROM campaign_counts;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER submissions_campaign_counts_truncate AFTER TRUNCATE ON submissions
  FOR EACH STATEMENT EXECUTE FUNCTION submissions_truncate_campaign_counts();
--> statement-breakpoint
-- The counts of the entries already there. CREATE TRIGGER above holds off writes to submissions
-- until this migration commits, so none is missed or counted twice.
INSERT INTO campaign_participants (campaign_id, author_id, entries)
  SELECT campaign_id, author_id, count(*) FROM submissions
  WHERE status IN ('published', 'shortlisted', 'merged') GROUP BY campaign_id, author_id;
--> statement-breakpoint
INSERT INTO campaign_districts (campaign_id, district_code, entries)
  SELECT campaign_id, district_code, count(*) FROM submissions
  WHERE status IN ('published', 'shortlisted', 'merged') AND district_code IS NOT NULL GROUP BY campaign_id, district_code;
--> statement-breakpoint
INSERT INTO campaign_counts (campaign_id, submissions, participants, districts)
  SELECT c.id,
    (SELECT count(*) FROM submissions s WHERE s.campaign_id = c.id AND s.status IN ('published', 'shortlisted', 'merged')),
    (SELECT count(*) FROM campaign_participants p WHERE p.campaign_id = c.id),
    (SELECT count(*) FROM campaign_districts d WHERE d.campaign_id = c.id)
  FROM campaigns c;
