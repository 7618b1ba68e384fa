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
      STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
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
    STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'

-- ## funnel events of application web_to_deal · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."form__lower", LOWER(e."form")) = $p4
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "application" AS e
WHERE
  (
    e."occurred_at" <= $p1
  )
  AND (
    COALESCE(e."form__lower", LOWER(e."form")) = $p4
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 'contact'

-- ## funnel events of activity web_to_deal · duckdb
SELECT
  e."lead_id",
  EPOCH_US(e."occurred_at"),
  e."seq",
  CASE WHEN (
    COALESCE(e."type__lower", LOWER(e."type")) = $p5
  ) THEN 4 ELSE 0 END,
  0,
  NULL
FROM "activity" AS e
WHERE
  (
    e."occurred_at" <= $p1
  )
  AND (
    COALESCE(e."type__lower", LOWER(e."type")) = $p5
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 'visit'

-- ## funnel alive ids web_to_deal · spark
SELECT
  l.`id`
FROM (
  SELECT
    CASE
      WHEN CAST(`age` AS DOUBLE) - CAST(`age` AS DOUBLE) = 0
      THEN CAST(`age` AS DOUBLE)
    END AS `age`,
    NULLIF(`company`, '') AS `company`,
    LOWER(NULLIF(`company`, '')) AS `company__lower`,
    CASE
      WHEN UNIX_MICROS(`created_at`) BETWEEN -62135596800000000 AND 253402300799999999
      THEN UNIX_MICROS(`created_at`)
    END AS `created_at`,
    NULLIF(`department`, '') AS `department`,
    LOWER(NULLIF(`department`, '')) AS `department__lower`,
    NULLIF(`email`, '') AS `email`,
    LOWER(NULLIF(`email`, '')) AS `email__lower`,
    CASE
      WHEN CAST(`employees` AS DOUBLE) - CAST(`employees` AS DOUBLE) = 0
      THEN CAST(`employees` AS DOUBLE)
    END AS `employees`,
    NULLIF(CAST(`id` AS STRING), '') AS `id`,
    LOWER(NULLIF(CAST(`id` AS STRING), '')) AS `id__lower`,
    NULLIF(`industry`, '') AS `industry`,
    LOWER(NULLIF(`industry`, '')) AS `industry__lower`,
    `is_competitor` AS `is_competitor`,
    NULLIF(`lead_source`, '') AS `lead_source`,
    LOWER(NULLIF(`lead_source`, '')) AS `lead_source__lower`,
    NULLIF(`name`, '') AS `name`,
    LOWER(NULLIF(`name`, '')) AS `name__lower`,
    `nurture_target` AS `nurture_target`,
    NULLIF(`region`, '') AS `region`,
    LOWER(NULLIF(`region`, '')) AS `region__lower`,
    NULLIF(`status`, '') AS `status`,
    LOWER(NULLIF(`status`, '')) AS `status__lower`,
    NULLIF(
      REGEXP_REPLACE(
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            ARRAY_JOIN(`tags`, '|'),
            '[ \t\n\013\014\r\034\035\036\037                 　]*[|][ \t\n\013\014\r\034\035\036\037                 　]*',
            '|'
          ),
          '[|][|]+',
          '|'
        ),
        '^[ \t\n\013\014\r\034\035\036\037                 　|]+|[ \t\n\013\014\r\034\035\036\037                 　|]+$',
        ''
      ),
      ''
    ) AS `tags`,
    '|' || LOWER(
      NULLIF(
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            REGEXP_REPLACE(
              ARRAY_JOIN(`tags`, '|'),
              '[ \t\n\013\014\r\034\035\036\037                 　]*[|][ \t\n\013\014\r\034\035\036\037                 　]*',
              '|'
            ),
            '[|][|]+',
            '|'
          ),
          '^[ \t\n\013\014\r\034\035\036\037                 　|]+|[ \t\n\013\014\r\034\035\036\037                 　|]+$',
          ''
        ),
        ''
      )
    ) || '|' AS `tags__lower`,
    NULLIF(`title`, '') AS `title`,
    LOWER(NULLIF(`title`, '')) AS `title__lower`,
    `unsubscribed` AS `unsubscribed`
  FROM `lead`
  WHERE
    NOT NULLIF(CAST(`id` AS STRING), '') IS NULL
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
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
    )
    THEN 1
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    CASE
      WHEN CAST(`duration` AS DOUBLE) - CAST(`duration` AS DOUBLE) = 0
      THEN CAST(`duration` AS DOUBLE)
    END AS `duration`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    NULLIF(`path`, '') AS `path`,
    LOWER(NULLIF(`path`, '')) AS `path__lower`,
    NULLIF(`session`, '') AS `session`,
    LOWER(NULLIF(`session`, '')) AS `session__lower`,
    NULLIF(`title`, '') AS `title`,
    LOWER(NULLIF(`title`, '')) AS `title__lower`,
    NULLIF(`url`, '') AS `url`,
    LOWER(NULLIF(`url`, '')) AS `url__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `duration`, `path`, `session`, `title`, `url`
    ) AS `seq`
  FROM `tracking`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
  );

-- ## funnel events of application web_to_deal · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE
    WHEN (
      COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    NULLIF(`campaign`, '') AS `campaign`,
    LOWER(NULLIF(`campaign`, '')) AS `campaign__lower`,
    NULLIF(`form`, '') AS `form`,
    LOWER(NULLIF(`form`, '')) AS `form__lower`,
    NULLIF(`id`, '') AS `id`,
    LOWER(NULLIF(`id`, '')) AS `id__lower`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `campaign`, `form`, `id`
    ) AS `seq`
  FROM `application`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
  );

-- ## funnel events of activity web_to_deal · spark
SELECT
  e.`lead_id`,
  e.`occurred_at`,
  e.`seq`,
  CASE
    WHEN (
      COALESCE(e.`type__lower`, e.`type`) = LOWER('visit')
    )
    THEN 4
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    NULLIF(`actor`, '') AS `actor`,
    LOWER(NULLIF(`actor`, '')) AS `actor__lower`,
    NULLIF(`content`, '') AS `content`,
    LOWER(NULLIF(`content`, '')) AS `content__lower`,
    NULLIF(`id`, '') AS `id`,
    LOWER(NULLIF(`id`, '')) AS `id__lower`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    NULLIF(`result`, '') AS `result`,
    LOWER(NULLIF(`result`, '')) AS `result__lower`,
    NULLIF(`source`, '') AS `source`,
    LOWER(NULLIF(`source`, '')) AS `source__lower`,
    NULLIF(`type`, '') AS `type`,
    LOWER(NULLIF(`type`, '')) AS `type__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `actor`, `content`, `id`, `result`, `source`, `type`
    ) AS `seq`
  FROM `activity`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`type__lower`, e.`type`) = LOWER('visit')
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
    COALESCE(e."kind__lower", LOWER(e."kind")) = $p2
  ) THEN 2 ELSE 0 END,
  0,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= $p1
  )
  AND (
    COALESCE(e."kind__lower", LOWER(e."kind")) = $p2
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'click'

-- ## funnel alive ids two_step · spark
SELECT
  l.`id`
FROM (
  SELECT
    CASE
      WHEN CAST(`age` AS DOUBLE) - CAST(`age` AS DOUBLE) = 0
      THEN CAST(`age` AS DOUBLE)
    END AS `age`,
    NULLIF(`company`, '') AS `company`,
    LOWER(NULLIF(`company`, '')) AS `company__lower`,
    CASE
      WHEN UNIX_MICROS(`created_at`) BETWEEN -62135596800000000 AND 253402300799999999
      THEN UNIX_MICROS(`created_at`)
    END AS `created_at`,
    NULLIF(`department`, '') AS `department`,
    LOWER(NULLIF(`department`, '')) AS `department__lower`,
    NULLIF(`email`, '') AS `email`,
    LOWER(NULLIF(`email`, '')) AS `email__lower`,
    CASE
      WHEN CAST(`employees` AS DOUBLE) - CAST(`employees` AS DOUBLE) = 0
      THEN CAST(`employees` AS DOUBLE)
    END AS `employees`,
    NULLIF(CAST(`id` AS STRING), '') AS `id`,
    LOWER(NULLIF(CAST(`id` AS STRING), '')) AS `id__lower`,
    NULLIF(`industry`, '') AS `industry`,
    LOWER(NULLIF(`industry`, '')) AS `industry__lower`,
    `is_competitor` AS `is_competitor`,
    NULLIF(`lead_source`, '') AS `lead_source`,
    LOWER(NULLIF(`lead_source`, '')) AS `lead_source__lower`,
    NULLIF(`name`, '') AS `name`,
    LOWER(NULLIF(`name`, '')) AS `name__lower`,
    `nurture_target` AS `nurture_target`,
    NULLIF(`region`, '') AS `region`,
    LOWER(NULLIF(`region`, '')) AS `region__lower`,
    NULLIF(`status`, '') AS `status`,
    LOWER(NULLIF(`status`, '')) AS `status__lower`,
    NULLIF(
      REGEXP_REPLACE(
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            ARRAY_JOIN(`tags`, '|'),
            '[ \t\n\013\014\r\034\035\036\037                 　]*[|][ \t\n\013\014\r\034\035\036\037                 　]*',
            '|'
          ),
          '[|][|]+',
          '|'
        ),
        '^[ \t\n\013\014\r\034\035\036\037                 　|]+|[ \t\n\013\014\r\034\035\036\037                 　|]+$',
        ''
      ),
      ''
    ) AS `tags`,
    '|' || LOWER(
      NULLIF(
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            REGEXP_REPLACE(
              ARRAY_JOIN(`tags`, '|'),
              '[ \t\n\013\014\r\034\035\036\037                 　]*[|][ \t\n\013\014\r\034\035\036\037                 　]*',
              '|'
            ),
            '[|][|]+',
            '|'
          ),
          '^[ \t\n\013\014\r\034\035\036\037                 　|]+|[ \t\n\013\014\r\034\035\036\037                 　|]+$',
          ''
        ),
        ''
      )
    ) || '|' AS `tags__lower`,
    NULLIF(`title`, '') AS `title`,
    LOWER(NULLIF(`title`, '')) AS `title__lower`,
    `unsubscribed` AS `unsubscribed`
  FROM `lead`
  WHERE
    NOT NULLIF(CAST(`id` AS STRING), '') IS NULL
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
    CASE
      WHEN CAST(`duration` AS DOUBLE) - CAST(`duration` AS DOUBLE) = 0
      THEN CAST(`duration` AS DOUBLE)
    END AS `duration`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    NULLIF(`path`, '') AS `path`,
    LOWER(NULLIF(`path`, '')) AS `path__lower`,
    NULLIF(`session`, '') AS `session`,
    LOWER(NULLIF(`session`, '')) AS `session__lower`,
    NULLIF(`title`, '') AS `title`,
    LOWER(NULLIF(`title`, '')) AS `title__lower`,
    NULLIF(`url`, '') AS `url`,
    LOWER(NULLIF(`url`, '')) AS `url__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `duration`, `path`, `session`, `title`, `url`
    ) AS `seq`
  FROM `tracking`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
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
  CASE
    WHEN (
      COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    NULLIF(`campaign`, '') AS `campaign`,
    LOWER(NULLIF(`campaign`, '')) AS `campaign__lower`,
    NULLIF(`kind`, '') AS `kind`,
    LOWER(NULLIF(`kind`, '')) AS `kind__lower`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    NULLIF(`link`, '') AS `link`,
    LOWER(NULLIF(`link`, '')) AS `link__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `campaign`, `kind`, `link`
    ) AS `seq`
  FROM `mail`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
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
      STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
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
    COALESCE(e."kind__lower", LOWER(e."kind")) = $p4
  ) THEN 1 ELSE 0 END,
  NULL
FROM "mail" AS e
WHERE
  (
    e."occurred_at" <= $p1
  )
  AND (
    COALESCE(e."kind__lower", LOWER(e."kind")) = $p4
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 'unsubscribe'

-- ## funnel alive ids strict_clean · spark
SELECT
  l.`id`
FROM (
  SELECT
    CASE
      WHEN CAST(`age` AS DOUBLE) - CAST(`age` AS DOUBLE) = 0
      THEN CAST(`age` AS DOUBLE)
    END AS `age`,
    NULLIF(`company`, '') AS `company`,
    LOWER(NULLIF(`company`, '')) AS `company__lower`,
    CASE
      WHEN UNIX_MICROS(`created_at`) BETWEEN -62135596800000000 AND 253402300799999999
      THEN UNIX_MICROS(`created_at`)
    END AS `created_at`,
    NULLIF(`department`, '') AS `department`,
    LOWER(NULLIF(`department`, '')) AS `department__lower`,
    NULLIF(`email`, '') AS `email`,
    LOWER(NULLIF(`email`, '')) AS `email__lower`,
    CASE
      WHEN CAST(`employees` AS DOUBLE) - CAST(`employees` AS DOUBLE) = 0
      THEN CAST(`employees` AS DOUBLE)
    END AS `employees`,
    NULLIF(CAST(`id` AS STRING), '') AS `id`,
    LOWER(NULLIF(CAST(`id` AS STRING), '')) AS `id__lower`,
    NULLIF(`industry`, '') AS `industry`,
    LOWER(NULLIF(`industry`, '')) AS `industry__lower`,
    `is_competitor` AS `is_competitor`,
    NULLIF(`lead_source`, '') AS `lead_source`,
    LOWER(NULLIF(`lead_source`, '')) AS `lead_source__lower`,
    NULLIF(`name`, '') AS `name`,
    LOWER(NULLIF(`name`, '')) AS `name__lower`,
    `nurture_target` AS `nurture_target`,
    NULLIF(`region`, '') AS `region`,
    LOWER(NULLIF(`region`, '')) AS `region__lower`,
    NULLIF(`status`, '') AS `status`,
    LOWER(NULLIF(`status`, '')) AS `status__lower`,
    NULLIF(
      REGEXP_REPLACE(
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            ARRAY_JOIN(`tags`, '|'),
            '[ \t\n\013\014\r\034\035\036\037                 　]*[|][ \t\n\013\014\r\034\035\036\037                 　]*',
            '|'
          ),
          '[|][|]+',
          '|'
        ),
        '^[ \t\n\013\014\r\034\035\036\037                 　|]+|[ \t\n\013\014\r\034\035\036\037                 　|]+$',
        ''
      ),
      ''
    ) AS `tags`,
    '|' || LOWER(
      NULLIF(
        REGEXP_REPLACE(
          REGEXP_REPLACE(
            REGEXP_REPLACE(
              ARRAY_JOIN(`tags`, '|'),
              '[ \t\n\013\014\r\034\035\036\037                 　]*[|][ \t\n\013\014\r\034\035\036\037                 　]*',
              '|'
            ),
            '[|][|]+',
            '|'
          ),
          '^[ \t\n\013\014\r\034\035\036\037                 　|]+|[ \t\n\013\014\r\034\035\036\037                 　|]+$',
          ''
        ),
        ''
      )
    ) || '|' AS `tags__lower`,
    NULLIF(`title`, '') AS `title`,
    LOWER(NULLIF(`title`, '')) AS `title__lower`,
    `unsubscribed` AS `unsubscribed`
  FROM `lead`
  WHERE
    NOT NULLIF(CAST(`id` AS STRING), '') IS NULL
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
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
    )
    THEN 1
    ELSE 0
  END + CASE
    WHEN (
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
    )
    THEN 2
    ELSE 0
  END,
  0,
  NULL
FROM (
  SELECT
    CASE
      WHEN CAST(`duration` AS DOUBLE) - CAST(`duration` AS DOUBLE) = 0
      THEN CAST(`duration` AS DOUBLE)
    END AS `duration`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    NULLIF(`path`, '') AS `path`,
    LOWER(NULLIF(`path`, '')) AS `path__lower`,
    NULLIF(`session`, '') AS `session`,
    LOWER(NULLIF(`session`, '')) AS `session__lower`,
    NULLIF(`title`, '') AS `title`,
    LOWER(NULLIF(`title`, '')) AS `title__lower`,
    NULLIF(`url`, '') AS `url`,
    LOWER(NULLIF(`url`, '')) AS `url__lower`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `duration`, `path`, `session`, `title`, `url`
    ) AS `seq`
  FROM `tracking`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
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
      COALESCE(e.`kind__lower`, e.`kind`) = LOWER('unsubscribe')
    )
    THEN 1
    ELSE 0
  END,
  NULL
FROM (
  SELECT
    NULLIF(`campaign`, '') AS `campaign`,
    LOWER(NULLIF(`campaign`, '')) AS `campaign__lower`,
    NULLIF(`kind`, '') AS `kind`,
    LOWER(NULLIF(`kind`, '')) AS `kind__lower`,
    NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
    LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
    NULLIF(`link`, '') AS `link`,
    LOWER(NULLIF(`link`, '')) AS `link__lower`,
    UNIX_MICROS(`occurred_at`) AS `occurred_at`,
    ROW_NUMBER() OVER (
      PARTITION BY CAST(`lead_id` AS STRING)
      ORDER BY UNIX_MICROS(`occurred_at`), `campaign`, `kind`, `link`
    ) AS `seq`
  FROM `mail`
  WHERE
    NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
    AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
) AS e
WHERE
  (
    e.`occurred_at` <= 1774958400000000
  )
  AND (
    COALESCE(e.`kind__lower`, e.`kind`) = LOWER('unsubscribe')
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
