-- Golden SQL of the `per` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment count_per { 1: tracking { occurred_at within 30 days } count >= 15 per session }
--   segment sum_per { 1: tracking sum duration > 600 per session }
--   segment joined_per { 1: mail count >= 2 and last within 7 days per campaign }
--   segment exists_per { 1: application { form = "seminar" } exists per campaign }

-- ## segment count_per · sqlite
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
          e."occurred_at" >= :p2 AND e."occurred_at" <= :p1
        )
        AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= :p3
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1772366400000000
-- p3 = 15

-- ## segment count_per · postgres
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
          e."occurred_at" >= %(p2)s AND e."occurred_at" <= %(p1)s
        )
        AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= %(p3)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = 15

-- ## segment count_per · duckdb
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
          e."occurred_at" >= $p2 AND e."occurred_at" <= $p1
        )
        AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= $p3
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = 15

-- ## segment count_per · spark
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
            e.`occurred_at` >= 1772366400000000 AND e.`occurred_at` <= 1774958400000000
          )
          AND (
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 15
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment count_per · bigquery
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
          e.`occurred_at` >= CAST('2026-03-01 12:00:00+00:00' AS TIMESTAMP)
          AND e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          NOT e.`session` IS NULL
        )
      GROUP BY
        e.`lead_id`,
        e.`session`
      HAVING
        (
          COUNT(*) >= 15
        )
    )
  );

-- ## segment count_per · snowflake
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
          e."occurred_at" >= CAST('2026-03-01 12:00:00+00:00' AS TIMESTAMPTZ)
          AND e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= 15
        )
    )
  );

-- ## segment count_per · trino
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
          e."occurred_at" >= CAST('2026-03-01 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          AND e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= 15
        )
    )
  );

-- ## segment sum_per · sqlite
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
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COALESCE(LEADRULES_SUM(e."duration"), 0) > :p2
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 600

-- ## segment sum_per · postgres
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
        ) AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COALESCE(CAST(SUM(CAST(CAST(e."duration" AS TEXT) AS DECIMAL)) AS DOUBLE PRECISION), 0) > %(p2)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 600

-- ## segment sum_per · duckdb
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
        ) AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
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
-- p2 = 600

-- ## segment sum_per · spark
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
          ) AND (
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
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
            ) > 600
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment sum_per · bigquery
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
          NOT e.`session` IS NULL
        )
      GROUP BY
        e.`lead_id`,
        e.`session`
      HAVING
        (
          COALESCE(SUM(e.`duration`), 0) > 600
        )
    )
  );

-- ## segment sum_per · snowflake
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
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COALESCE(SUM(e."duration"), 0) > 600
        )
    )
  );

-- ## segment sum_per · trino
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
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COALESCE(SUM(e."duration"), 0) > 600
        )
    )
  );

-- ## segment joined_per · sqlite
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
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) >= :p2
        )
        AND (
          MAX(e."occurred_at") >= :p3 AND MAX(e."occurred_at") <= :p1
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 2
-- p3 = 1774353600000000

-- ## segment joined_per · postgres
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
        ) AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) >= %(p2)s
        )
        AND (
          MAX(e."occurred_at") >= %(p3)s AND MAX(e."occurred_at") <= %(p1)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 2
-- p3 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment joined_per · duckdb
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
        ) AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) >= $p2
        )
        AND (
          MAX(e."occurred_at") >= $p3 AND MAX(e."occurred_at") <= $p1
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 2
-- p3 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment joined_per · spark
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
          ) AND (
            NOT e.`campaign` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`campaign`
        HAVING
          (
            COUNT(*) >= 2
          )
          AND (
            MAX(e.`occurred_at`) >= 1774353600000000
            AND MAX(e.`occurred_at`) <= 1774958400000000
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment joined_per · bigquery
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
          NOT e.`campaign` IS NULL
        )
      GROUP BY
        e.`lead_id`,
        e.`campaign`
      HAVING
        (
          COUNT(*) >= 2
        )
        AND (
          MAX(e.`occurred_at`) >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
          AND MAX(e.`occurred_at`) <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment joined_per · snowflake
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
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) >= 2
        )
        AND (
          MAX(e."occurred_at") >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMPTZ)
          AND MAX(e."occurred_at") <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment joined_per · trino
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
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) >= 2
        )
        AND (
          MAX(e."occurred_at") >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          AND MAX(e."occurred_at") <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment exists_per · sqlite
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
          COALESCE(e."form__lower", e."form") = :p2
        )
        AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) > 0
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'seminar'

-- ## segment exists_per · postgres
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
          COALESCE(e."form__lower", e."form") = %(p2)s
        )
        AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) > 0
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'seminar'

-- ## segment exists_per · duckdb
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
          COALESCE(e."form__lower", LOWER(e."form")) = $p2
        )
        AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) > 0
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'seminar'

-- ## segment exists_per · spark
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
            COALESCE(e.`form__lower`, e.`form`) = LOWER('seminar')
          )
          AND (
            NOT e.`campaign` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`campaign`
        HAVING
          (
            COUNT(*) > 0
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
  );

-- ## segment exists_per · bigquery
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
          COALESCE(e.`form__lower`, e.`form`) = 'seminar'
        )
        AND (
          NOT e.`campaign` IS NULL
        )
      GROUP BY
        e.`lead_id`,
        e.`campaign`
      HAVING
        (
          COUNT(*) > 0
        )
    )
  );

-- ## segment exists_per · snowflake
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
          COALESCE(e."form__lower", e."form") = 'seminar'
        )
        AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) > 0
        )
    )
  );

-- ## segment exists_per · trino
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
          COALESCE(e."form__lower", e."form") = 'seminar'
        )
        AND (
          NOT e."campaign" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."campaign"
      HAVING
        (
          COUNT(*) > 0
        )
    )
  );
