-- Golden SQL of the `event_blocks` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment bare_source { 1: activity }
--   segment braces_all { 1: tracking { path starts with "/pricing"; duration > 30 } }
--   segment braces_any { 1: application any { form in ("contact", "trial"); campaign ends with "-q1" } }
--   segment negative_inside { 1: application { campaign != "A" } exists }
--   segment not_block { match not application { campaign = "A" } }
--   segment event_fields {
--     1: tracking { occurred_at within 7 days; session exists; title not contains "404" }
--     2: mail { kind = "click"; link matches "utm_[a-z]+"; occurred_at in last week }
--   }

-- ## segment bare_source · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "activity" AS e
      WHERE
        (
          e."lead_id" = l."id"
        ) AND (
          e."occurred_at" <= :p1
        )
    )
  );
-- p1 = 1774958400000000

-- ## segment bare_source · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment bare_source · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment bare_source · spark
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
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM (
        SELECT
          e.`lead_id`
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
            LOWER(NULLIF(`type`, '')) AS `type__lower`
          FROM `activity`
          WHERE
            NOT NULLIF(CAST(`lead_id` AS STRING), '') IS NULL
            AND `occurred_at` BETWEEN CAST('0001-01-01T00:00:00Z' AS TIMESTAMP_LTZ) AND CAST('9999-12-31T23:59:59.999999Z' AS TIMESTAMP_LTZ)
        ) AS e
        WHERE
          (
            e.`occurred_at` <= 1774958400000000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment bare_source · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `activity` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment bare_source · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment bare_source · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment braces_all · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "tracking" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
          )
          AND (
            e."duration" > :p4
          )
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 30

-- ## segment braces_all · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          (
            COALESCE(e."path__lower", e."path") LIKE %(p4)s
          )
          AND (
            e."duration" > %(p5)s
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '/pricing%'
-- p5 = 30

-- ## segment braces_all · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
          )
          AND (
            e."duration" > $p4
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'
-- p4 = 30

-- ## segment braces_all · spark
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
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM (
        SELECT
          e.`lead_id`
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
            LOWER(NULLIF(`url`, '')) AS `url__lower`
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
            (
              STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
            )
            AND (
              e.`duration` > 30
            )
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment braces_all · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `tracking` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          AND (
            e.`duration` > 30
          )
        )
    )
  );

-- ## segment braces_all · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          AND (
            e."duration" > 30
          )
        )
    )
  );

-- ## segment braces_all · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          AND (
            e."duration" > 30
          )
        )
    )
  );

-- ## segment braces_any · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "application" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN (:p2, :p3)
          )
          OR (
            SUBSTRING(COALESCE(e."campaign__lower", e."campaign"), :p6) = :p4
          )
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'contact'
-- p3 = 'trial'
-- p4 = '-q1'
-- p6 = -3

-- ## segment braces_any · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN (%(p2)s, %(p3)s)
          )
          OR (
            COALESCE(e."campaign__lower", e."campaign") LIKE %(p6)s
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'contact'
-- p3 = 'trial'
-- p6 = '%-q1'

-- ## segment braces_any · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          (
            COALESCE(e."form__lower", LOWER(e."form")) IN ($p2, $p3)
          )
          OR (
            ENDS_WITH(COALESCE(e."campaign__lower", LOWER(e."campaign")), $p4)
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'contact'
-- p3 = 'trial'
-- p4 = '-q1'

-- ## segment braces_any · spark
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
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM (
        SELECT
          e.`lead_id`
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
            UNIX_MICROS(`occurred_at`) AS `occurred_at`
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
            (
              COALESCE(e.`form__lower`, e.`form`) IN (LOWER('contact'), LOWER('trial'))
            )
            OR (
              ENDSWITH(COALESCE(e.`campaign__lower`, e.`campaign`), LOWER('-q1'))
            )
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment braces_any · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          (
            COALESCE(e.`form__lower`, e.`form`) IN ('contact', 'trial')
          )
          OR (
            ENDS_WITH(COALESCE(e.`campaign__lower`, e.`campaign`), '-q1')
          )
        )
    )
  );

-- ## segment braces_any · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN ('contact', 'trial')
          )
          OR (
            ENDSWITH(COALESCE(e."campaign__lower", e."campaign"), '-q1')
          )
        )
    )
  );

-- ## segment braces_any · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN ('contact', 'trial')
          )
          OR (
            ENDS_WITH(COALESCE(e."campaign__lower", e."campaign"), '-q1')
          )
        )
    )
  );

-- ## segment negative_inside · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "application" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = :p2
            )
          )
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'a'

-- ## segment negative_inside · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = %(p2)s
            )
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment negative_inside · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", LOWER(e."campaign")) = $p2
            )
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment negative_inside · spark
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
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM (
        SELECT
          e.`lead_id`
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
            UNIX_MICROS(`occurred_at`) AS `occurred_at`
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
            NOT (
              NOT e.`campaign` IS NULL
              AND (
                COALESCE(e.`campaign__lower`, e.`campaign`) = LOWER('A')
              )
            )
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment negative_inside · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          NOT (
            NOT e.`campaign` IS NULL
            AND (
              COALESCE(e.`campaign__lower`, e.`campaign`) = 'a'
            )
          )
        )
    )
  );

-- ## segment negative_inside · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = 'a'
            )
          )
        )
    )
  );

-- ## segment negative_inside · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = 'a'
            )
          )
        )
    )
  );

-- ## segment not_block · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    NOT (
      EXISTS(
        SELECT
          1
        FROM "application" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = :p2
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'a'

-- ## segment not_block · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    NOT (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = %(p2)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment not_block · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    NOT (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            COALESCE(e."campaign__lower", LOWER(e."campaign")) = $p2
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment not_block · spark
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
  )
  AND (
    NOT (
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            e.`lead_id`
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
              UNIX_MICROS(`occurred_at`) AS `occurred_at`
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
              COALESCE(e.`campaign__lower`, e.`campaign`) = LOWER('A')
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
  );

-- ## segment not_block · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    NOT (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `application` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            COALESCE(e.`campaign__lower`, e.`campaign`) = 'a'
          )
      )
    )
  );

-- ## segment not_block · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    NOT (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = 'a'
          )
      )
    )
  );

-- ## segment not_block · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    NOT (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = 'a'
          )
      )
    )
  );

-- ## segment event_fields · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    (
      EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            (
              e."occurred_at" >= :p2 AND e."occurred_at" <= :p1
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  INSTR(COALESCE(e."title__lower", e."title"), :p3) > 0
                )
              )
            )
          )
      )
    )
    AND (
      EXISTS(
        SELECT
          1
        FROM "mail" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = :p4
            )
            AND (
              e."link" REGEXP :p5
            )
            AND (
              e."occurred_at" >= :p6 AND e."occurred_at" < :p7
            )
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1774353600000000
-- p3 = '404'
-- p4 = 'click'
-- p5 = 'utm_[a-z]+'
-- p6 = 1774224000000000
-- p7 = 1774828800000000

-- ## segment event_fields · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            (
              e."occurred_at" >= %(p2)s AND e."occurred_at" <= %(p1)s
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  POSITION(%(p3)s IN COALESCE(e."title__lower", e."title")) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = %(p4)s
            )
            AND (
              e."link" ~ %(p5)s
            )
            AND (
              e."occurred_at" >= %(p6)s AND e."occurred_at" < %(p7)s
            )
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = '404'
-- p4 = 'click'
-- p5 = 'utm_[a-z]+'
-- p6 = datetime.datetime(2026, 3, 23, 0, 0, tzinfo=datetime.timezone.utc)
-- p7 = datetime.datetime(2026, 3, 30, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment event_fields · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            (
              e."occurred_at" >= $p2 AND e."occurred_at" <= $p1
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  STRPOS(COALESCE(e."title__lower", LOWER(e."title")), $p3) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            (
              COALESCE(e."kind__lower", LOWER(e."kind")) = $p4
            )
            AND (
              REGEXP_MATCHES(e."link", $p5)
            )
            AND (
              e."occurred_at" >= $p6 AND e."occurred_at" < $p7
            )
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = '404'
-- p4 = 'click'
-- p5 = 'utm_[a-z]+'
-- p6 = datetime.datetime(2026, 3, 23, 0, 0, tzinfo=datetime.timezone.utc)
-- p7 = datetime.datetime(2026, 3, 30, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment event_fields · spark
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
  )
  AND (
    (
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            e.`lead_id`
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
              LOWER(NULLIF(`url`, '')) AS `url__lower`
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
              (
                e.`occurred_at` >= 1774353600000000 AND e.`occurred_at` <= 1774958400000000
              )
              AND (
                NOT e.`session` IS NULL
              )
              AND (
                NOT (
                  NOT e.`title` IS NULL
                  AND (
                    LOCATE(LOWER('404'), COALESCE(e.`title__lower`, e.`title`)) > 0
                  )
                )
              )
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
    AND (
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            e.`lead_id`
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
              UNIX_MICROS(`occurred_at`) AS `occurred_at`
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
              (
                COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
              )
              AND (
                e.`link` RLIKE 'utm_[a-z]+'
              )
              AND (
                e.`occurred_at` >= 1774224000000000 AND e.`occurred_at` < 1774828800000000
              )
            )
        ) AS lr_probe_2(lr_k)
        WHERE
          lr_probe_2.lr_k = l.`id`
      )
    )
  );

-- ## segment event_fields · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `tracking` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              e.`occurred_at` >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
              AND e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
            )
            AND (
              NOT e.`session` IS NULL
            )
            AND (
              NOT (
                NOT e.`title` IS NULL
                AND (
                  INSTR(COALESCE(e.`title__lower`, e.`title`), '404') > 0
                )
              )
            )
          )
      )
    )
    AND (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `mail` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              COALESCE(e.`kind__lower`, e.`kind`) = 'click'
            )
            AND (
              REGEXP_CONTAINS(e.`link`, 'utm_[a-z]+')
            )
            AND (
              e.`occurred_at` >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMP)
              AND e.`occurred_at` < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMP)
            )
          )
      )
    )
  );

-- ## segment event_fields · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            (
              e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMPTZ)
              AND e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  CHARINDEX('404', COALESCE(e."title__lower", e."title")) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
            AND (
              REGEXP_INSTR(e."link", 'utm_[a-z]+') > 0
            )
            AND (
              e."occurred_at" >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMPTZ)
              AND e."occurred_at" < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMPTZ)
            )
          )
      )
    )
  );

-- ## segment event_fields · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            (
              e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
              AND e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  STRPOS(COALESCE(e."title__lower", e."title"), '404') > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
            AND (
              REGEXP_LIKE(e."link", 'utm_[a-z]+')
            )
            AND (
              e."occurred_at" >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
              AND e."occurred_at" < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
            )
          )
      )
    )
  );
