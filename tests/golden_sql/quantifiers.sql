-- Golden SQL of the `quantifiers` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment exists { 1: activity { type = "visit" } exists }
--   segment none { 1: activity { type = "visit" } none }
--   segment count { 1: tracking count >= 15 }
--   segment count_eq { 1: tracking count = 0 }
--   segment count_distinct { 1: mail { kind = "open" } count distinct campaign >= 2 }
--   segment sum { 1: tracking sum duration > 10.5 }
--   segment avg { 1: tracking avg duration < 1000 }
--   segment min_number { 1: tracking min duration <= 5 }
--   segment max_number { 1: tracking max duration >= 600 }
--   segment max_datetime { 1: tracking max occurred_at in this year }
--   segment min_datetime { 1: application min occurred_at before 2026-01-01 }
--   segment first { 1: application first within 30 days }
--   segment last { 1: mail { kind = "open" } last older than 2 months }
--   segment joined {
--     1: tracking { path starts with "/pricing" } count >= 3 and last within 7 days
--        and sum duration > 60
--   }

-- ## segment exists · sqlite
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
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          COALESCE(e."type__lower", e."type") = :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'visit'

-- ## segment exists · postgres
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
        AND (
          COALESCE(e."type__lower", e."type") = %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'visit'

-- ## segment exists · duckdb
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
        AND (
          COALESCE(e."type__lower", LOWER(e."type")) = $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'visit'

-- ## segment exists · spark
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
          AND (
            COALESCE(e.`type__lower`, e.`type`) = LOWER('visit')
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment exists · bigquery
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
        AND (
          COALESCE(e.`type__lower`, e.`type`) = 'visit'
        )
    )
  );

-- ## segment exists · snowflake
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
        AND (
          COALESCE(e."type__lower", e."type") = 'visit'
        )
    )
  );

-- ## segment exists · trino
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
        AND (
          COALESCE(e."type__lower", e."type") = 'visit'
        )
    )
  );

-- ## segment none · sqlite
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
        FROM "activity" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            COALESCE(e."type__lower", e."type") = :p2
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'visit'

-- ## segment none · postgres
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
        FROM "activity" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            COALESCE(e."type__lower", e."type") = %(p2)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'visit'

-- ## segment none · duckdb
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
        FROM "activity" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            COALESCE(e."type__lower", LOWER(e."type")) = $p2
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'visit'

-- ## segment none · spark
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
            AND (
              COALESCE(e.`type__lower`, e.`type`) = LOWER('visit')
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
  );

-- ## segment none · bigquery
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
        FROM `activity` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            COALESCE(e.`type__lower`, e.`type`) = 'visit'
          )
      )
    )
  );

-- ## segment none · snowflake
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
        FROM "activity" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            COALESCE(e."type__lower", e."type") = 'visit'
          )
      )
    )
  );

-- ## segment none · trino
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
        FROM "activity" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            COALESCE(e."type__lower", e."type") = 'visit'
          )
      )
    )
  );

-- ## segment count · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 15

-- ## segment count · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 15

-- ## segment count · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 15

-- ## segment count · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(*) >= 15
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment count · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          COUNT(*) >= 15
        )
    )
  );

-- ## segment count · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= 15
        )
    )
  );

-- ## segment count · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= 15
        )
    )
  );

-- ## segment count_eq · sqlite
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
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          ) AND (
            e."occurred_at" <= :p1
          )
        GROUP BY
          e."lead_id"
        HAVING
          NOT (
            COUNT(*) = :p2
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 0

-- ## segment count_eq · postgres
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
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
        GROUP BY
          e."lead_id"
        HAVING
          NOT (
            COUNT(*) = %(p2)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 0

-- ## segment count_eq · duckdb
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
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
        GROUP BY
          e."lead_id"
        HAVING
          NOT (
            COUNT(*) = $p2
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 0

-- ## segment count_eq · spark
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
          GROUP BY
            e.`lead_id`
          HAVING
            NOT (
              COUNT(*) = 0
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
  );

-- ## segment count_eq · bigquery
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
        FROM `tracking` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
        GROUP BY
          e.`lead_id`
        HAVING
          NOT (
            COUNT(*) = 0
          )
      )
    )
  );

-- ## segment count_eq · snowflake
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
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
        GROUP BY
          e."lead_id"
        HAVING
          NOT (
            COUNT(*) = 0
          )
      )
    )
  );

-- ## segment count_eq · trino
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
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
        GROUP BY
          e."lead_id"
        HAVING
          NOT (
            COUNT(*) = 0
          )
      )
    )
  );

-- ## segment count_distinct · sqlite
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
      FROM "mail" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = :p2
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(DISTINCT e."campaign") >= :p3
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'open'
-- p3 = 2

-- ## segment count_distinct · postgres
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = %(p2)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(DISTINCT e."campaign") >= %(p3)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'open'
-- p3 = 2

-- ## segment count_distinct · duckdb
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          COALESCE(e."kind__lower", LOWER(e."kind")) = $p2
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(DISTINCT e."campaign") >= $p3
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'open'
-- p3 = 2

-- ## segment count_distinct · spark
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
            COALESCE(e.`kind__lower`, e.`kind`) = LOWER('open')
          )
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(DISTINCT e.`campaign`) >= 2
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment count_distinct · bigquery
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
      FROM `mail` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          COALESCE(e.`kind__lower`, e.`kind`) = 'open'
        )
      GROUP BY
        e.`lead_id`
      HAVING
        (
          COUNT(DISTINCT e.`campaign`) >= 2
        )
    )
  );

-- ## segment count_distinct · snowflake
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = 'open'
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(DISTINCT e."campaign") >= 2
        )
    )
  );

-- ## segment count_distinct · trino
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = 'open'
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(DISTINCT e."campaign") >= 2
        )
    )
  );

-- ## segment sum · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COALESCE(LEADRULES_SUM(e."duration"), 0) > :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 10.5

-- ## segment sum · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COALESCE(CAST(SUM(CAST(CAST(e."duration" AS TEXT) AS DECIMAL)) AS DOUBLE PRECISION), 0) > %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 10.5

-- ## segment sum · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COALESCE(
            CASE
              WHEN COUNT(e."duration") = SUM(
                CASE
                  WHEN CAST(CAST(CASE
                    WHEN ABS(e."duration") < 1e11
                    THEN TRY_CAST(CAST(e."duration" AS TEXT) AS DECIMAL(38, 18))
                  END AS TEXT) AS DOUBLE) = e."duration"
                  THEN 1
                  ELSE 0
                END
              )
              THEN CAST(CAST(SUM(
                CASE
                  WHEN ABS(e."duration") < 1e11
                  THEN TRY_CAST(CAST(e."duration" AS TEXT) AS DECIMAL(38, 18))
                END
              ) AS TEXT) AS DOUBLE)
              ELSE FSUM(e."duration")
            END,
            0
          ) > $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 10.5

-- ## segment sum · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COALESCE(
              CASE
                WHEN COUNT(e.`duration`) = SUM(
                  CASE
                    WHEN CAST(CAST(CASE
                      WHEN ABS(e.`duration`) < 1e11
                      THEN CAST(CAST(e.`duration` AS STRING) AS DECIMAL(38, 18))
                    END AS STRING) AS DOUBLE) = e.`duration`
                    THEN 1
                    ELSE 0
                  END
                )
                THEN CAST(CAST(TRY_SUM(
                  CASE
                    WHEN ABS(e.`duration`) < 1e11
                    THEN CAST(CAST(e.`duration` AS STRING) AS DECIMAL(38, 18))
                  END
                ) AS STRING) AS DOUBLE)
                ELSE SUM(e.`duration`)
              END,
              0
            ) > CAST(10.5 AS DOUBLE)
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment sum · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          COALESCE(SUM(e.`duration`), 0) > 10.5
        )
    )
  );

-- ## segment sum · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COALESCE(SUM(e."duration"), 0) > CAST(10.5 AS DOUBLE)
        )
    )
  );

-- ## segment sum · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COALESCE(SUM(e."duration"), 0) > CAST(10.5 AS DOUBLE)
        )
    )
  );

-- ## segment avg · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          CAST(LEADRULES_SUM(e."duration") AS REAL) / NULLIF(CAST(COUNT(e."duration") AS REAL), 0) < :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1000

-- ## segment avg · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          CAST(SUM(CAST(CAST(e."duration" AS TEXT) AS DECIMAL)) AS DOUBLE PRECISION) / NULLIF(CAST(COUNT(e."duration") AS DOUBLE PRECISION), 0) < %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 1000

-- ## segment avg · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          CASE
            WHEN COUNT(e."duration") = SUM(
              CASE
                WHEN CAST(CAST(CASE
                  WHEN ABS(e."duration") < 1e11
                  THEN TRY_CAST(CAST(e."duration" AS TEXT) AS DECIMAL(38, 18))
                END AS TEXT) AS DOUBLE) = e."duration"
                THEN 1
                ELSE 0
              END
            )
            THEN CAST(CAST(SUM(
              CASE
                WHEN ABS(e."duration") < 1e11
                THEN TRY_CAST(CAST(e."duration" AS TEXT) AS DECIMAL(38, 18))
              END
            ) AS TEXT) AS DOUBLE)
            ELSE FSUM(e."duration")
          END / NULLIF(CAST(COUNT(e."duration") AS DOUBLE), 0) < $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 1000

-- ## segment avg · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            CASE
              WHEN COUNT(e.`duration`) = SUM(
                CASE
                  WHEN CAST(CAST(CASE
                    WHEN ABS(e.`duration`) < 1e11
                    THEN CAST(CAST(e.`duration` AS STRING) AS DECIMAL(38, 18))
                  END AS STRING) AS DOUBLE) = e.`duration`
                  THEN 1
                  ELSE 0
                END
              )
              THEN CAST(CAST(TRY_SUM(
                CASE
                  WHEN ABS(e.`duration`) < 1e11
                  THEN CAST(CAST(e.`duration` AS STRING) AS DECIMAL(38, 18))
                END
              ) AS STRING) AS DOUBLE)
              ELSE SUM(e.`duration`)
            END / NULLIF(CAST(COUNT(e.`duration`) AS DOUBLE), 0) < 1000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment avg · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          AVG(e.`duration`) < 1000
        )
    )
  );

-- ## segment avg · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          AVG(e."duration") < 1000
        )
    )
  );

-- ## segment avg · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          AVG(e."duration") < 1000
        )
    )
  );

-- ## segment min_number · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."duration") <= :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 5

-- ## segment min_number · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."duration") <= %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 5

-- ## segment min_number · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."duration") <= $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 5

-- ## segment min_number · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            MIN(e.`duration`) <= 5
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment min_number · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          MIN(e.`duration`) <= 5
        )
    )
  );

-- ## segment min_number · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."duration") <= 5
        )
    )
  );

-- ## segment min_number · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."duration") <= 5
        )
    )
  );

-- ## segment max_number · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."duration") >= :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 600

-- ## segment max_number · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."duration") >= %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 600

-- ## segment max_number · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."duration") >= $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 600

-- ## segment max_number · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            MAX(e.`duration`) >= 600
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment max_number · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          MAX(e.`duration`) >= 600
        )
    )
  );

-- ## segment max_number · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."duration") >= 600
        )
    )
  );

-- ## segment max_number · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."duration") >= 600
        )
    )
  );

-- ## segment max_datetime · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") >= :p2 AND MAX(e."occurred_at") < :p3
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1767225600000000
-- p3 = 1798761600000000

-- ## segment max_datetime · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") >= %(p2)s AND MAX(e."occurred_at") < %(p3)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
-- p3 = datetime.datetime(2027, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment max_datetime · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") >= $p2 AND MAX(e."occurred_at") < $p3
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)
-- p3 = datetime.datetime(2027, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment max_datetime · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            MAX(e.`occurred_at`) >= 1767225600000000
            AND MAX(e.`occurred_at`) < 1798761600000000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment max_datetime · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          MAX(e.`occurred_at`) >= CAST('2026-01-01 00:00:00+00:00' AS TIMESTAMP)
          AND MAX(e.`occurred_at`) < CAST('2027-01-01 00:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment max_datetime · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") >= CAST('2026-01-01 00:00:00+00:00' AS TIMESTAMPTZ)
          AND MAX(e."occurred_at") < CAST('2027-01-01 00:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment max_datetime · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") >= CAST('2026-01-01 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          AND MAX(e."occurred_at") < CAST('2027-01-01 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment min_datetime · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") < :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1767225600000000

-- ## segment min_datetime · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") < %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment min_datetime · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") < $p2
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment min_datetime · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            MIN(e.`occurred_at`) < 1767225600000000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment min_datetime · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          MIN(e.`occurred_at`) < CAST('2026-01-01 00:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment min_datetime · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") < CAST('2026-01-01 00:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment min_datetime · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") < CAST('2026-01-01 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment first · sqlite
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
        ) AND (
          e."occurred_at" <= :p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") >= :p2 AND MIN(e."occurred_at") <= :p1
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1772366400000000

-- ## segment first · postgres
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") >= %(p2)s AND MIN(e."occurred_at") <= %(p1)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment first · duckdb
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") >= $p2 AND MIN(e."occurred_at") <= $p1
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment first · spark
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            MIN(e.`occurred_at`) >= 1772366400000000
            AND MIN(e.`occurred_at`) <= 1774958400000000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment first · bigquery
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
      GROUP BY
        e.`lead_id`
      HAVING
        (
          MIN(e.`occurred_at`) >= CAST('2026-03-01 12:00:00+00:00' AS TIMESTAMP)
          AND MIN(e.`occurred_at`) <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment first · snowflake
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") >= CAST('2026-03-01 12:00:00+00:00' AS TIMESTAMPTZ)
          AND MIN(e."occurred_at") <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment first · trino
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          MIN(e."occurred_at") >= CAST('2026-03-01 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          AND MIN(e."occurred_at") <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment last · sqlite
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
      FROM "mail" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = :p2
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") < :p3
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'open'
-- p3 = 1769860800000000

-- ## segment last · postgres
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = %(p2)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") < %(p3)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'open'
-- p3 = datetime.datetime(2026, 1, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment last · duckdb
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          COALESCE(e."kind__lower", LOWER(e."kind")) = $p2
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") < $p3
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'open'
-- p3 = datetime.datetime(2026, 1, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment last · spark
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
            COALESCE(e.`kind__lower`, e.`kind`) = LOWER('open')
          )
        GROUP BY
          e.`lead_id`
        HAVING
          (
            MAX(e.`occurred_at`) < 1769860800000000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment last · bigquery
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
      FROM `mail` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          COALESCE(e.`kind__lower`, e.`kind`) = 'open'
        )
      GROUP BY
        e.`lead_id`
      HAVING
        (
          MAX(e.`occurred_at`) < CAST('2026-01-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment last · snowflake
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = 'open'
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") < CAST('2026-01-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment last · trino
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
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = 'open'
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          MAX(e."occurred_at") < CAST('2026-01-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment joined · sqlite
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
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= :p4
        )
        AND (
          MAX(e."occurred_at") >= :p5 AND MAX(e."occurred_at") <= :p1
        )
        AND (
          COALESCE(LEADRULES_SUM(e."duration"), 0) > :p6
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 3
-- p5 = 1774353600000000
-- p6 = 60

-- ## segment joined · postgres
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
          COALESCE(e."path__lower", e."path") LIKE %(p4)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= %(p5)s
        )
        AND (
          MAX(e."occurred_at") >= %(p6)s AND MAX(e."occurred_at") <= %(p1)s
        )
        AND (
          COALESCE(CAST(SUM(CAST(CAST(e."duration" AS TEXT) AS DECIMAL)) AS DOUBLE PRECISION), 0) > %(p7)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '/pricing%'
-- p5 = 3
-- p6 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = 60

-- ## segment joined · duckdb
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
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= $p4
        )
        AND (
          MAX(e."occurred_at") >= $p5 AND MAX(e."occurred_at") <= $p1
        )
        AND (
          COALESCE(
            CASE
              WHEN COUNT(e."duration") = SUM(
                CASE
                  WHEN CAST(CAST(CASE
                    WHEN ABS(e."duration") < 1e11
                    THEN TRY_CAST(CAST(e."duration" AS TEXT) AS DECIMAL(38, 18))
                  END AS TEXT) AS DOUBLE) = e."duration"
                  THEN 1
                  ELSE 0
                END
              )
              THEN CAST(CAST(SUM(
                CASE
                  WHEN ABS(e."duration") < 1e11
                  THEN TRY_CAST(CAST(e."duration" AS TEXT) AS DECIMAL(38, 18))
                END
              ) AS TEXT) AS DOUBLE)
              ELSE FSUM(e."duration")
            END,
            0
          ) > $p6
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'
-- p4 = 3
-- p5 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p6 = 60

-- ## segment joined · spark
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
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
          )
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(*) >= 3
          )
          AND (
            MAX(e.`occurred_at`) >= 1774353600000000
            AND MAX(e.`occurred_at`) <= 1774958400000000
          )
          AND (
            COALESCE(
              CASE
                WHEN COUNT(e.`duration`) = SUM(
                  CASE
                    WHEN CAST(CAST(CASE
                      WHEN ABS(e.`duration`) < 1e11
                      THEN CAST(CAST(e.`duration` AS STRING) AS DECIMAL(38, 18))
                    END AS STRING) AS DOUBLE) = e.`duration`
                    THEN 1
                    ELSE 0
                  END
                )
                THEN CAST(CAST(TRY_SUM(
                  CASE
                    WHEN ABS(e.`duration`) < 1e11
                    THEN CAST(CAST(e.`duration` AS STRING) AS DECIMAL(38, 18))
                  END
                ) AS STRING) AS DOUBLE)
                ELSE SUM(e.`duration`)
              END,
              0
            ) > 60
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment joined · bigquery
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
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
      GROUP BY
        e.`lead_id`
      HAVING
        (
          COUNT(*) >= 3
        )
        AND (
          MAX(e.`occurred_at`) >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
          AND MAX(e.`occurred_at`) <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          COALESCE(SUM(e.`duration`), 0) > 60
        )
    )
  );

-- ## segment joined · snowflake
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
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= 3
        )
        AND (
          MAX(e."occurred_at") >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMPTZ)
          AND MAX(e."occurred_at") <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          COALESCE(SUM(e."duration"), 0) > 60
        )
    )
  );

-- ## segment joined · trino
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
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= 3
        )
        AND (
          MAX(e."occurred_at") >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          AND MAX(e."occurred_at") <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          COALESCE(SUM(e."duration"), 0) > 60
        )
    )
  );
