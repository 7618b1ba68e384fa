-- Golden SQL of the `declared_schema` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   source webinar { title text; minutes number; live bool; starts_at datetime; topics list of text }
--   field lead.score_hint number
--   field lead.segment_code text
--   segment attended {
--     1: webinar { live; minutes >= 30; topics contains "pricing"; starts_at within 14 days } count >= 2
--     2: lead { score_hint > 0.5; segment_code in ("A", "b") }
--   }

-- ## segment attended · sqlite
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
        l."score_hint" > :p2
      )
      AND (
        COALESCE(l."segment_code__lower", l."segment_code") IN (:p3, :p4)
      )
    )
    AND (
      EXISTS(
        SELECT
          1
        FROM "webinar" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            (
              e."live" = TRUE
            )
            AND (
              e."minutes" >= :p5
            )
            AND (
              INSTR(e."topics__lower", :p6) > 0
            )
            AND (
              e."starts_at" >= :p7 AND e."starts_at" <= :p1
            )
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= :p8
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 0.5
-- p3 = 'a'
-- p4 = 'b'
-- p5 = 30
-- p6 = '|pricing|'
-- p7 = 1773748800000000
-- p8 = 2

-- ## segment attended · postgres
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
        l."score_hint" > %(p2)s
      )
      AND (
        COALESCE(l."segment_code__lower", l."segment_code") IN (%(p3)s, %(p4)s)
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "webinar" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            (
              e."live" = TRUE
            )
            AND (
              e."minutes" >= %(p5)s
            )
            AND (
              POSITION(%(p6)s IN e."topics__lower") > 0
            )
            AND (
              e."starts_at" >= %(p7)s AND e."starts_at" <= %(p1)s
            )
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= %(p8)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 0.5
-- p3 = 'a'
-- p4 = 'b'
-- p5 = 30
-- p6 = '|pricing|'
-- p7 = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.timezone.utc)
-- p8 = 2

-- ## segment attended · duckdb
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
        l."score_hint" > $p2
      )
      AND (
        COALESCE(l."segment_code__lower", LOWER(l."segment_code")) IN ($p3, $p4)
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "webinar" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            (
              e."live" = TRUE
            )
            AND (
              e."minutes" >= $p5
            )
            AND (
              STRPOS(COALESCE(e."topics__lower", '|' || LOWER(e."topics") || '|'), $p6) > 0
            )
            AND (
              e."starts_at" >= $p7 AND e."starts_at" <= $p1
            )
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= $p8
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 0.5
-- p3 = 'a'
-- p4 = 'b'
-- p5 = 30
-- p6 = '|pricing|'
-- p7 = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.timezone.utc)
-- p8 = 2

-- ## segment attended · spark
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
    CASE
      WHEN CAST(`score_hint` AS DOUBLE) - CAST(`score_hint` AS DOUBLE) = 0
      THEN CAST(`score_hint` AS DOUBLE)
    END AS `score_hint`,
    NULLIF(`segment_code`, '') AS `segment_code`,
    LOWER(NULLIF(`segment_code`, '')) AS `segment_code__lower`,
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
        l.`score_hint` > CAST(0.5 AS DOUBLE)
      )
      AND (
        COALESCE(l.`segment_code__lower`, l.`segment_code`) IN (LOWER('A'), LOWER('b'))
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
              NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
              LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
              `live` AS `live`,
              CASE
                WHEN CAST(`minutes` AS DOUBLE) - CAST(`minutes` AS DOUBLE) = 0
                THEN CAST(`minutes` AS DOUBLE)
              END AS `minutes`,
              UNIX_MICROS(`occurred_at`) AS `occurred_at`,
              CASE
                WHEN UNIX_MICROS(`starts_at`) BETWEEN -62135596800000000 AND 253402300799999999
                THEN UNIX_MICROS(`starts_at`)
              END AS `starts_at`,
              NULLIF(`title`, '') AS `title`,
              LOWER(NULLIF(`title`, '')) AS `title__lower`,
              NULLIF(
                REGEXP_REPLACE(
                  REGEXP_REPLACE(
                    REGEXP_REPLACE(
                      ARRAY_JOIN(`topics`, '|'),
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
              ) AS `topics`,
              '|' || LOWER(
                NULLIF(
                  REGEXP_REPLACE(
                    REGEXP_REPLACE(
                      REGEXP_REPLACE(
                        ARRAY_JOIN(`topics`, '|'),
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
              ) || '|' AS `topics__lower`
            FROM `webinar`
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
                e.`live` = TRUE
              )
              AND (
                e.`minutes` >= 30
              )
              AND (
                LOCATE(LOWER('|pricing|'), e.`topics__lower`) > 0
              )
              AND (
                e.`starts_at` >= 1773748800000000 AND e.`starts_at` <= 1774958400000000
              )
            )
          GROUP BY
            e.`lead_id`
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

-- ## segment attended · bigquery
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
        l.`score_hint` > 0.5
      )
      AND (
        COALESCE(l.`segment_code__lower`, l.`segment_code`) IN ('a', 'b')
      )
    )
    AND (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `webinar` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              e.`live` = TRUE
            )
            AND (
              e.`minutes` >= 30
            )
            AND (
              INSTR(e.`topics__lower`, '|pricing|') > 0
            )
            AND (
              e.`starts_at` >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP)
              AND e.`starts_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
            )
          )
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment attended · snowflake
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
        l."score_hint" > CAST(0.5 AS DOUBLE)
      )
      AND (
        COALESCE(l."segment_code__lower", l."segment_code") IN ('a', 'b')
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "webinar" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            (
              e."live" = TRUE
            )
            AND (
              e."minutes" >= 30
            )
            AND (
              CHARINDEX('|pricing|', e."topics__lower") > 0
            )
            AND (
              e."starts_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMPTZ)
              AND e."starts_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
            )
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );

-- ## segment attended · trino
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
        l."score_hint" > CAST(0.5 AS DOUBLE)
      )
      AND (
        COALESCE(l."segment_code__lower", l."segment_code") IN ('a', 'b')
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "webinar" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            (
              e."live" = TRUE
            )
            AND (
              e."minutes" >= 30
            )
            AND (
              STRPOS(e."topics__lower", '|pricing|') > 0
            )
            AND (
              e."starts_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
              AND e."starts_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
            )
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
  );
