-- Golden SQL of the `funnel_ordered` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   funnel web_to_deal ordered within 30 days {
--     visited: tracking { path starts with "/pricing" }
--     applied: application { form = "contact" }
--     met: activity { type = "visit" }
--   }
--   funnel two_step ordered within 2 weeks {
--     seen: tracking
--     mailed: mail { kind = "click" }
--   }
--   funnel strict_clean strict within 90 seconds {
--     pricing: tracking { path starts with "/pricing" }
--     again: tracking { path starts with "/pricing" }
--     exclude: mail { kind = "unsubscribe" } between pricing and again
--   }

-- ## funnel alive ids web_to_deal · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  );
-- p1 = 1774958400000000

-- ## funnel events of tracking web_to_deal · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  CASE
    WHEN (
      SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= :p1
  )
  AND (
    SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
  );
-- p1 = 1774958400000000
-- p2 = '/pricing'
-- p3 = 8

-- ## funnel events of application web_to_deal · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  CASE WHEN (
    COALESCE(e."form__lower", e."form") = :p4
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "application" AS e
WHERE
  (
    e."occurred_at" <= :p1
  ) AND (
    COALESCE(e."form__lower", e."form") = :p4
  );
-- p1 = 1774958400000000
-- p4 = 'contact'

-- ## funnel events of activity web_to_deal · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  CASE WHEN (
    COALESCE(e."type__lower", e."type") = :p5
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM "activity" AS e
WHERE
  (
    e."occurred_at" <= :p1
  ) AND (
    COALESCE(e."type__lower", e."type") = :p5
  );
-- p1 = 1774958400000000
-- p5 = 'visit'

-- ## funnel alive ids web_to_deal · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of tracking web_to_deal · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."path__lower", e."path") LIKE %(p4)s
  ) THEN 1 ELSE 0 END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  )
  AND (
    COALESCE(e."path__lower", e."path") LIKE %(p4)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '/pricing%'

-- ## funnel events of application web_to_deal · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."form__lower", e."form") = %(p5)s
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "application" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  )
  AND (
    COALESCE(e."form__lower", e."form") = %(p5)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 'contact'

-- ## funnel events of activity web_to_deal · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."type__lower", e."type") = %(p6)s
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM "activity" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  )
  AND (
    COALESCE(e."type__lower", e."type") = %(p6)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p6 = 'visit'

-- ## funnel alive ids web_to_deal · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of tracking web_to_deal · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), $p2)
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= $p1
  )
  AND (
    STARTS_WITH(COALESCE(e."path__lower", e."path"), $p2)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'

-- ## funnel events of application web_to_deal · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."form__lower", e."form") = $p4
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "application" AS e
WHERE
  (
    e."occurred_at" <= $p1
  ) AND (
    COALESCE(e."form__lower", e."form") = $p4
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 'contact'

-- ## funnel events of activity web_to_deal · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."type__lower", e."type") = $p5
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM "activity" AS e
WHERE
  (
    e."occurred_at" <= $p1
  ) AND (
    COALESCE(e."type__lower", e."type") = $p5
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 'visit'

-- ## funnel alive ids web_to_deal · spark
SELECT
  l.`id`
FROM (
  SELECT
    CAST(`age` AS DOUBLE) AS `age`,
    `company` AS `company`,
    LOWER(`company`) AS `company__lower`,
    UNIX_MICROS(`created_at`) AS `created_at`,
    `department` AS `department`,
    LOWER(`department`) AS `department__lower`,
    `email` AS `email`,
    LOWER(`email`) AS `email__lower`,
    CAST(`employees` AS DOUBLE) AS `employees`,
    `id` AS `id`,
    LOWER(`id`) AS `id__lower`,
    `industry` AS `industry`,
    LOWER(`industry`) AS `industry__lower`,
    `is_competitor` AS `is_competitor`,
    `lead_source` AS `lead_source`,
    LOWER(`lead_source`) AS `lead_source__lower`,
    `name` AS `name`,
    LOWER(`name`) AS `name__lower`,
    `nurture_target` AS `nurture_target`,
    `region` AS `region`,
    LOWER(`region`) AS `region__lower`,
    `status` AS `status`,
    LOWER(`status`) AS `status__lower`,
    ARRAY_JOIN(`tags`, '|') AS `tags`,
    '|' || LOWER(ARRAY_JOIN(`tags`, '|')) || '|' AS `tags__lower`,
    `title` AS `title`,
    LOWER(`title`) AS `title__lower`,
    `unsubscribed` AS `unsubscribed`
  FROM `lead`
) AS l
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );

-- ## funnel events of tracking web_to_deal · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE
    WHEN (
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    CAST(`duration` AS DOUBLE) AS `duration`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    `path` AS `path`,
    LOWER(`path`) AS `path__lower`,
    `session` AS `session`,
    LOWER(`session`) AS `session__lower`,
    `title` AS `title`,
    LOWER(`title`) AS `title__lower`,
    `url` AS `url`,
    LOWER(`url`) AS `url__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `duration`, `path`, `session`, `title`, `url`
    ) AS `seq`
  FROM `tracking`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    STARTSWITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
  );

-- ## funnel events of application web_to_deal · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE WHEN (
    COALESCE(e.`form__lower`, e.`form`) = 'contact'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM (
  SELECT
    `campaign` AS `campaign`,
    LOWER(`campaign`) AS `campaign__lower`,
    `form` AS `form`,
    LOWER(`form`) AS `form__lower`,
    `id` AS `id`,
    LOWER(`id`) AS `id__lower`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `campaign`, `form`, `id`
    ) AS `seq`
  FROM `application`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`form__lower`, e.`form`) = 'contact'
  );

-- ## funnel events of activity web_to_deal · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE WHEN (
    COALESCE(e.`type__lower`, e.`type`) = 'visit'
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM (
  SELECT
    `actor` AS `actor`,
    LOWER(`actor`) AS `actor__lower`,
    `content` AS `content`,
    LOWER(`content`) AS `content__lower`,
    `id` AS `id`,
    LOWER(`id`) AS `id__lower`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    `result` AS `result`,
    LOWER(`result`) AS `result__lower`,
    `source` AS `source`,
    LOWER(`source`) AS `source__lower`,
    `type` AS `type`,
    LOWER(`type`) AS `type__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `actor`, `content`, `id`, `result`, `source`, `type`
    ) AS `seq`
  FROM `activity`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`type__lower`, e.`type`) = 'visit'
  );

-- ## funnel alive ids web_to_deal · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );

-- ## funnel events of tracking web_to_deal · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  CASE
    WHEN (
      STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM `tracking` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
  );

-- ## funnel events of application web_to_deal · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  CASE WHEN (
    COALESCE(e.`form__lower`, e.`form`) = 'contact'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM `application` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    COALESCE(e.`form__lower`, e.`form`) = 'contact'
  );

-- ## funnel events of activity web_to_deal · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  CASE WHEN (
    COALESCE(e.`type__lower`, e.`type`) = 'visit'
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM `activity` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    COALESCE(e.`type__lower`, e.`type`) = 'visit'
  );

-- ## funnel alive ids web_to_deal · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );

-- ## funnel events of tracking web_to_deal · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  CASE
    WHEN (
      STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
  );

-- ## funnel events of application web_to_deal · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."form__lower", e."form") = 'contact'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "application" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    COALESCE(e."form__lower", e."form") = 'contact'
  );

-- ## funnel events of activity web_to_deal · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."type__lower", e."type") = 'visit'
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM "activity" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    COALESCE(e."type__lower", e."type") = 'visit'
  );

-- ## funnel alive ids web_to_deal · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );

-- ## funnel events of tracking web_to_deal · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
  );

-- ## funnel events of application web_to_deal · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."form__lower", e."form") = 'contact'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "application" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    COALESCE(e."form__lower", e."form") = 'contact'
  );

-- ## funnel events of activity web_to_deal · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."type__lower", e."type") = 'visit'
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM "activity" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    COALESCE(e."type__lower", e."type") = 'visit'
  );

-- ## funnel alive ids two_step · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  );
-- p1 = 1774958400000000

-- ## funnel events of tracking two_step · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  1,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= :p1
  ) AND TRUE;
-- p1 = 1774958400000000

-- ## funnel events of mail two_step · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = :p2
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= :p1
  ) AND (
    COALESCE(e."kind__lower", e."kind") = :p2
  );
-- p1 = 1774958400000000
-- p2 = 'click'

-- ## funnel alive ids two_step · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of tracking two_step · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  1,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  ) AND TRUE;
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of mail two_step · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = %(p2)s
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  )
  AND (
    COALESCE(e."kind__lower", e."kind") = %(p2)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'click'

-- ## funnel alive ids two_step · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of tracking two_step · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  1,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= $p1
  ) AND TRUE;
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of mail two_step · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = $p2
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= $p1
  ) AND (
    COALESCE(e."kind__lower", e."kind") = $p2
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'click'

-- ## funnel alive ids two_step · spark
SELECT
  l.`id`
FROM (
  SELECT
    CAST(`age` AS DOUBLE) AS `age`,
    `company` AS `company`,
    LOWER(`company`) AS `company__lower`,
    UNIX_MICROS(`created_at`) AS `created_at`,
    `department` AS `department`,
    LOWER(`department`) AS `department__lower`,
    `email` AS `email`,
    LOWER(`email`) AS `email__lower`,
    CAST(`employees` AS DOUBLE) AS `employees`,
    `id` AS `id`,
    LOWER(`id`) AS `id__lower`,
    `industry` AS `industry`,
    LOWER(`industry`) AS `industry__lower`,
    `is_competitor` AS `is_competitor`,
    `lead_source` AS `lead_source`,
    LOWER(`lead_source`) AS `lead_source__lower`,
    `name` AS `name`,
    LOWER(`name`) AS `name__lower`,
    `nurture_target` AS `nurture_target`,
    `region` AS `region`,
    LOWER(`region`) AS `region__lower`,
    `status` AS `status`,
    LOWER(`status`) AS `status__lower`,
    ARRAY_JOIN(`tags`, '|') AS `tags`,
    '|' || LOWER(ARRAY_JOIN(`tags`, '|')) || '|' AS `tags__lower`,
    `title` AS `title`,
    LOWER(`title`) AS `title__lower`,
    `unsubscribed` AS `unsubscribed`
  FROM `lead`
) AS l
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );

-- ## funnel events of tracking two_step · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  1,
  0,
  NULL
FROM (
  SELECT
    CAST(`duration` AS DOUBLE) AS `duration`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    `path` AS `path`,
    LOWER(`path`) AS `path__lower`,
    `session` AS `session`,
    LOWER(`session`) AS `session__lower`,
    `title` AS `title`,
    LOWER(`title`) AS `title__lower`,
    `url` AS `url`,
    LOWER(`url`) AS `url__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `duration`, `path`, `session`, `title`, `url`
    ) AS `seq`
  FROM `tracking`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  ) AND TRUE;

-- ## funnel events of mail two_step · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE WHEN (
    COALESCE(e.`kind__lower`, e.`kind`) = 'click'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM (
  SELECT
    `campaign` AS `campaign`,
    LOWER(`campaign`) AS `campaign__lower`,
    `kind` AS `kind`,
    LOWER(`kind`) AS `kind__lower`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    `link` AS `link`,
    LOWER(`link`) AS `link__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `campaign`, `kind`, `link`
    ) AS `seq`
  FROM `mail`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`kind__lower`, e.`kind`) = 'click'
  );

-- ## funnel alive ids two_step · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );

-- ## funnel events of tracking two_step · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  1,
  0,
  NULL
FROM `tracking` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  ) AND TRUE;

-- ## funnel events of mail two_step · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  CASE WHEN (
    COALESCE(e.`kind__lower`, e.`kind`) = 'click'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM `mail` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    COALESCE(e.`kind__lower`, e.`kind`) = 'click'
  );

-- ## funnel alive ids two_step · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );

-- ## funnel events of tracking two_step · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  1,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND TRUE;

-- ## funnel events of mail two_step · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = 'click'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    COALESCE(e."kind__lower", e."kind") = 'click'
  );

-- ## funnel alive ids two_step · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );

-- ## funnel events of tracking two_step · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  1,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND TRUE;

-- ## funnel events of mail two_step · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = 'click'
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    COALESCE(e."kind__lower", e."kind") = 'click'
  );

-- ## funnel alive ids strict_clean · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  );
-- p1 = 1774958400000000

-- ## funnel events of tracking strict_clean · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  CASE
    WHEN (
      SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= :p1
  );
-- p1 = 1774958400000000
-- p2 = '/pricing'
-- p3 = 8

-- ## funnel events of mail strict_clean · sqlite
SELECT
  e."lead_id",
  e."occurred_at",
  e."seq",
  0,
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = :p4
  ) THEN 1 ELSE 0 END,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= :p1
  ) AND (
    COALESCE(e."kind__lower", e."kind") = :p4
  );
-- p1 = 1774958400000000
-- p4 = 'unsubscribe'

-- ## funnel alive ids strict_clean · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of tracking strict_clean · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  CASE WHEN (
    COALESCE(e."path__lower", e."path") LIKE %(p4)s
  ) THEN 1 ELSE 0 END + CASE WHEN (
    COALESCE(e."path__lower", e."path") LIKE %(p4)s
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '/pricing%'

-- ## funnel events of mail strict_clean · postgres
SELECT
  e."lead_id",
  CAST(EXTRACT(EPOCH FROM e."occurred_at") * 1000000 AS BIGINT),
  e."seq",
  0,
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = %(p5)s
  ) THEN 1 ELSE 0 END,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= %(p1)s
  )
  AND (
    COALESCE(e."kind__lower", e."kind") = %(p5)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 'unsubscribe'

-- ## funnel alive ids strict_clean · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel events of tracking strict_clean · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), $p2)
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), $p2)
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= $p1
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'

-- ## funnel events of mail strict_clean · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  0,
  CASE WHEN (
    COALESCE(e."kind__lower", e."kind") = $p4
  ) THEN 1 ELSE 0 END,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= $p1
  ) AND (
    COALESCE(e."kind__lower", e."kind") = $p4
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 'unsubscribe'

-- ## funnel alive ids strict_clean · spark
SELECT
  l.`id`
FROM (
  SELECT
    CAST(`age` AS DOUBLE) AS `age`,
    `company` AS `company`,
    LOWER(`company`) AS `company__lower`,
    UNIX_MICROS(`created_at`) AS `created_at`,
    `department` AS `department`,
    LOWER(`department`) AS `department__lower`,
    `email` AS `email`,
    LOWER(`email`) AS `email__lower`,
    CAST(`employees` AS DOUBLE) AS `employees`,
    `id` AS `id`,
    LOWER(`id`) AS `id__lower`,
    `industry` AS `industry`,
    LOWER(`industry`) AS `industry__lower`,
    `is_competitor` AS `is_competitor`,
    `lead_source` AS `lead_source`,
    LOWER(`lead_source`) AS `lead_source__lower`,
    `name` AS `name`,
    LOWER(`name`) AS `name__lower`,
    `nurture_target` AS `nurture_target`,
    `region` AS `region`,
    LOWER(`region`) AS `region__lower`,
    `status` AS `status`,
    LOWER(`status`) AS `status__lower`,
    ARRAY_JOIN(`tags`, '|') AS `tags`,
    '|' || LOWER(ARRAY_JOIN(`tags`, '|')) || '|' AS `tags__lower`,
    `title` AS `title`,
    LOWER(`title`) AS `title__lower`,
    `unsubscribed` AS `unsubscribed`
  FROM `lead`
) AS l
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );

-- ## funnel events of tracking strict_clean · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE
    WHEN (
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    CAST(`duration` AS DOUBLE) AS `duration`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    `path` AS `path`,
    LOWER(`path`) AS `path__lower`,
    `session` AS `session`,
    LOWER(`session`) AS `session__lower`,
    `title` AS `title`,
    LOWER(`title`) AS `title__lower`,
    `url` AS `url`,
    LOWER(`url`) AS `url__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `duration`, `path`, `session`, `title`, `url`
    ) AS `seq`
  FROM `tracking`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  );

-- ## funnel events of mail strict_clean · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  0,
  CASE
    WHEN (
      COALESCE(e.`kind__lower`, e.`kind`) = 'unsubscribe'
    )
    THEN 1
    ELSE 0
  END,
  NULL
FROM (
  SELECT
    `campaign` AS `campaign`,
    LOWER(`campaign`) AS `campaign__lower`,
    `kind` AS `kind`,
    LOWER(`kind`) AS `kind__lower`,
    `lead_id` AS `lead_id`,
    LOWER(`lead_id`) AS `lead_id__lower`,
    `link` AS `link`,
    LOWER(`link`) AS `link__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    ROW_NUMBER() OVER (
      PARTITION BY `lead_id`
      ORDER BY UNIX_MICROS(`occurred_at`), `campaign`, `kind`, `link`
    ) AS `seq`
  FROM `mail`
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`kind__lower`, e.`kind`) = 'unsubscribe'
  );

-- ## funnel alive ids strict_clean · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );

-- ## funnel events of tracking strict_clean · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  CASE
    WHEN (
      STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM `tracking` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );

-- ## funnel events of mail strict_clean · bigquery
SELECT
  e.`lead_id`,
  UNIX_MICROS(e.`occurred_at`),
  e.`seq`,
  0,
  CASE
    WHEN (
      COALESCE(e.`kind__lower`, e.`kind`) = 'unsubscribe'
    )
    THEN 1
    ELSE 0
  END,
  NULL
FROM `mail` AS e
WHERE
  (
    e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    COALESCE(e.`kind__lower`, e.`kind`) = 'unsubscribe'
  );

-- ## funnel alive ids strict_clean · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );

-- ## funnel events of tracking strict_clean · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  CASE
    WHEN (
      STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );

-- ## funnel events of mail strict_clean · snowflake
SELECT
  e."lead_id",
  DATE_PART(epoch_microsecond, e."occurred_at"),
  e."seq",
  0,
  CASE
    WHEN (
      COALESCE(e."kind__lower", e."kind") = 'unsubscribe'
    )
    THEN 1
    ELSE 0
  END,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    COALESCE(e."kind__lower", e."kind") = 'unsubscribe'
  );

-- ## funnel alive ids strict_clean · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );

-- ## funnel events of tracking strict_clean · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM "tracking" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );

-- ## funnel events of mail strict_clean · trino
SELECT
  e."lead_id",
  CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT),
  e."seq",
  0,
  CASE
    WHEN (
      COALESCE(e."kind__lower", e."kind") = 'unsubscribe'
    )
    THEN 1
    ELSE 0
  END,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    COALESCE(e."kind__lower", e."kind") = 'unsubscribe'
  );
