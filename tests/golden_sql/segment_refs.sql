-- Golden SQL of the `segment_refs` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment engaged { 1: tracking { path starts with "/pricing" } count >= 2 per session }
--   segment fit { 1: lead { industry = "software"; employees >= 100 } }
--   segment both { match segment engaged and segment fit }
--   segment either_not { match segment both or not segment fit }
--   segment in_block { 1: segment engaged; 2: lead { email exists }; match 1 and 2 }

-- ## segment both · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    (
      (
        COALESCE(l."industry__lower", l."industry") = :p2
      )
      AND (
        l."employees" >= :p3
      )
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
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p5) = :p4
          )
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= :p6
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = 100
-- p4 = '/pricing'
-- p5 = 8
-- p6 = 2

-- ## segment both · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    (
      (
        COALESCE(l."industry__lower", l."industry") = %(p2)s
      )
      AND (
        l."employees" >= %(p3)s
      )
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
            COALESCE(e."path__lower", e."path") LIKE %(p6)s
          )
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= %(p7)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100
-- p6 = '/pricing%'
-- p7 = 2

-- ## segment both · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    (
      (
        COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
      )
      AND (
        l."employees" >= $p3
      )
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
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p4)
          )
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= $p6
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100
-- p4 = '/pricing'
-- p6 = 2

-- ## segment both · spark
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
      (
        COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
      )
      AND (
        l.`employees` >= 100
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
            AND (
              NOT e.`session` IS NULL
            )
          GROUP BY
            e.`lead_id`,
            e.`session`
          HAVING
            (
              COUNT(*) >= 2
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
  );

-- ## segment both · bigquery
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
      (
        COALESCE(l.`industry__lower`, l.`industry`) = 'software'
      )
      AND (
        l.`employees` >= 100
      )
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
          AND (
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment both · snowflake
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
      (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      AND (
        l."employees" >= 100
      )
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment both · trino
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
      (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      AND (
        l."employees" >= 100
      )
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment either_not · sqlite
WITH seg_1 AS MATERIALIZED (
  SELECT
    l."id"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p1
    )
    AND (
      (
        COALESCE(l."industry__lower", l."industry") = :p2
      )
      AND (
        l."employees" >= :p3
      )
    )
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
    OR (
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
              SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p5) = :p4
            )
            AND (
              NOT e."session" IS NULL
            )
          GROUP BY
            e."lead_id",
            e."session"
          HAVING
            (
              COUNT(*) >= :p6
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = 100
-- p4 = '/pricing'
-- p5 = 8
-- p6 = 2

-- ## segment either_not · postgres
WITH seg_1 AS MATERIALIZED (
  SELECT
    l."id"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p1)s
    )
    AND (
      (
        COALESCE(l."industry__lower", l."industry") = %(p2)s
      )
      AND (
        l."employees" >= %(p3)s
      )
    )
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
    OR (
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
              COALESCE(e."path__lower", e."path") LIKE %(p6)s
            )
            AND (
              NOT e."session" IS NULL
            )
          GROUP BY
            e."lead_id",
            e."session"
          HAVING
            (
              COUNT(*) >= %(p7)s
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100
-- p6 = '/pricing%'
-- p7 = 2

-- ## segment either_not · duckdb
WITH seg_1 AS MATERIALIZED (
  SELECT
    l."id"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p1
    )
    AND (
      (
        COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
      )
      AND (
        l."employees" >= $p3
      )
    )
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
    OR (
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
              STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p4)
            )
            AND (
              NOT e."session" IS NULL
            )
          GROUP BY
            e."lead_id",
            e."session"
          HAVING
            (
              COUNT(*) >= $p6
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100
-- p4 = '/pricing'
-- p6 = 2

-- ## segment either_not · spark
WITH seg_1 AS (
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
        COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
      )
      AND (
        l.`employees` >= 100
      )
    )
)
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
      NOT (
        EXISTS(
          SELECT
            1
          FROM (
            SELECT
              `id`
            FROM seg_1
          ) AS lr_probe_1(lr_k)
          WHERE
            lr_probe_1.lr_k = l.`id`
        )
      )
    )
    OR (
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
                STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
              )
              AND (
                NOT e.`session` IS NULL
              )
            GROUP BY
              e.`lead_id`,
              e.`session`
            HAVING
              (
                COUNT(*) >= 2
              )
          ) AS lr_probe_2(lr_k)
          WHERE
            lr_probe_2.lr_k = l.`id`
        )
      )
      AND (
        EXISTS(
          SELECT
            1
          FROM (
            SELECT
              `id`
            FROM seg_1
          ) AS lr_probe_3(lr_k)
          WHERE
            lr_probe_3.lr_k = l.`id`
        )
      )
    )
  );

-- ## segment either_not · bigquery
WITH seg_1 AS (
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
        COALESCE(l.`industry__lower`, l.`industry`) = 'software'
      )
      AND (
        l.`employees` >= 100
      )
    )
)
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
      NOT (
        l.`id` IN (
          SELECT
            `id`
          FROM seg_1
        )
      )
    )
    OR (
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
              STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
            )
            AND (
              NOT e.`session` IS NULL
            )
          GROUP BY
            e.`lead_id`,
            e.`session`
          HAVING
            (
              COUNT(*) >= 2
            )
        )
      )
      AND (
        l.`id` IN (
          SELECT
            `id`
          FROM seg_1
        )
      )
    )
  );

-- ## segment either_not · snowflake
WITH seg_1 AS (
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
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      AND (
        l."employees" >= 100
      )
    )
)
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
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
    OR (
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
              STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
            )
            AND (
              NOT e."session" IS NULL
            )
          GROUP BY
            e."lead_id",
            e."session"
          HAVING
            (
              COUNT(*) >= 2
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
  );

-- ## segment either_not · trino
WITH seg_1 AS (
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
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      AND (
        l."employees" >= 100
      )
    )
)
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
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
    OR (
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
              STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
            )
            AND (
              NOT e."session" IS NULL
            )
          GROUP BY
            e."lead_id",
            e."session"
          HAVING
            (
              COUNT(*) >= 2
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM seg_1
        )
      )
    )
  );

-- ## segment in_block · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    (
      NOT l."email" IS NULL
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= :p4
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 2

-- ## segment in_block · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    (
      NOT l."email" IS NULL
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= %(p5)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '/pricing%'
-- p5 = 2

-- ## segment in_block · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    (
      NOT l."email" IS NULL
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= $p4
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'
-- p4 = 2

-- ## segment in_block · spark
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
      NOT l.`email` IS NULL
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
            AND (
              NOT e.`session` IS NULL
            )
          GROUP BY
            e.`lead_id`,
            e.`session`
          HAVING
            (
              COUNT(*) >= 2
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
  );

-- ## segment in_block · bigquery
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
      NOT l.`email` IS NULL
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
          AND (
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment in_block · snowflake
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
      NOT l."email" IS NULL
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment in_block · trino
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
      NOT l."email" IS NULL
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
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );
