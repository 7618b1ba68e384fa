-- Golden SQL of the `funnel_depths` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment hot { 1: tracking count >= 3 }
--   scoring engagement { tracking => +1 per event }
--   funnel pipeline "Lead pipeline" {
--     generated:   all
--     nurtured:    mail { kind = "open" } exists
--     qualified:   segment hot or score engagement >= 100
--     opportunity: activity { result = "opportunity" } exists
--     won:         status = "won"
--   }
--   funnel short {
--     seen: tracking
--     applied: application
--   }

-- ## funnel depths pipeline · sqlite
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_0" AS "total"
  FROM (
    SELECT
      l."id",
      :p1 * COALESCE("p0"."n0", 0) AS "raw_0"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(1) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= :p2
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p2
      )
  ) AS s
)
SELECT
  l."id",
  CASE
    WHEN (
      COALESCE(l."status__lower", l."status") = :p3
    )
    THEN 4
    WHEN EXISTS(
      SELECT
        1
      FROM "activity" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p2
        )
        AND (
          COALESCE(e."result__lower", e."result") = :p4
        )
    )
    THEN 3
    WHEN (
      EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          ) AND (
            e."occurred_at" <= :p2
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= :p5
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" >= :p6
          )
      )
    )
    THEN 2
    WHEN EXISTS(
      SELECT
        1
      FROM "mail" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p2
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = :p7
        )
    )
    THEN 1
    ELSE 0
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p2
  )
ORDER BY
  l."id";
-- p1 = 1
-- p2 = 1774958400000000
-- p3 = 'won'
-- p4 = 'opportunity'
-- p5 = 3
-- p6 = 100
-- p7 = 'open'

-- ## funnel depths pipeline · postgres
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_0" AS "total"
  FROM (
    SELECT
      l."id",
      %(p1)s * COALESCE("p0"."n0", 0) AS "raw_0"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(1) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p2)s
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p2)s
      )
  ) AS s
)
SELECT
  l."id",
  CASE
    WHEN (
      COALESCE(l."status__lower", l."status") = %(p3)s
    )
    THEN 4
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= %(p2)s
        )
        AND (
          COALESCE(e."result__lower", e."result") = %(p4)s
        )
    )
    THEN 3
    WHEN (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p2)s
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= %(p5)s
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" >= %(p6)s
          )
      )
    )
    THEN 2
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= %(p2)s
        )
        AND (
          COALESCE(e."kind__lower", e."kind") = %(p7)s
        )
    )
    THEN 1
    ELSE 0
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p2)s
  );
-- p1 = 1
-- p2 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = 'won'
-- p4 = 'opportunity'
-- p5 = 3
-- p6 = 100
-- p7 = 'open'

-- ## funnel depths pipeline · duckdb
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_0" AS "total"
  FROM (
    SELECT
      l."id",
      $p1 * COALESCE("p0"."n0", 0) AS "raw_0"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(1) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p2
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p2
      )
  ) AS s
)
SELECT
  l."id",
  CASE
    WHEN (
      COALESCE(l."status__lower", LOWER(l."status")) = $p3
    )
    THEN 4
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= $p2
        )
        AND (
          COALESCE(e."result__lower", LOWER(e."result")) = $p4
        )
    )
    THEN 3
    WHEN (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p2
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= $p5
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" >= $p6
          )
      )
    )
    THEN 2
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "mail" AS e
      WHERE
        (
          e."occurred_at" <= $p2
        )
        AND (
          COALESCE(e."kind__lower", LOWER(e."kind")) = $p7
        )
    )
    THEN 1
    ELSE 0
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p2
  )
ORDER BY
  l."id";
-- p1 = 1
-- p2 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = 'won'
-- p4 = 'opportunity'
-- p5 = 3
-- p6 = 100
-- p7 = 'open'

-- ## funnel depths pipeline · spark
WITH score_1 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_0` AS `total`
  FROM (
    SELECT
      l.`id`,
      1 * COALESCE(`p0`.`n0`, 0) AS `raw_0`
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
    LEFT JOIN (
      SELECT
        e.`lead_id`,
        COUNT(1) AS `n0`
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
    ) AS p0
      ON `p0`.`lead_id` = l.`id`
    WHERE
      (
        l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
      )
  ) AS s
)
SELECT
  l.`id`,
  CASE
    WHEN (
      COALESCE(l.`status__lower`, l.`status`) = LOWER('won')
    )
    THEN 4
    WHEN EXISTS(
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
            COALESCE(e.`result__lower`, e.`result`) = LOWER('opportunity')
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
    THEN 3
    WHEN (
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
              COUNT(*) >= 3
            )
        ) AS lr_probe_2(lr_k)
        WHERE
          lr_probe_2.lr_k = l.`id`
      )
    )
    OR (
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            `id`
          FROM score_1
          WHERE
            (
              `total` >= 100
            )
        ) AS lr_probe_3(lr_k)
        WHERE
          lr_probe_3.lr_k = l.`id`
      )
    )
    THEN 2
    WHEN EXISTS(
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
      ) AS lr_probe_4(lr_k)
      WHERE
        lr_probe_4.lr_k = l.`id`
    )
    THEN 1
    ELSE 0
  END AS `depth`
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

-- ## funnel depths pipeline · bigquery
WITH score_1 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_0` AS `total`
  FROM (
    SELECT
      l.`id`,
      1 * COALESCE(`p0`.`n0`, 0) AS `raw_0`
    FROM `lead` AS l
    LEFT JOIN (
      SELECT
        e.`lead_id`,
        COUNT(1) AS `n0`
      FROM `tracking` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
      GROUP BY
        e.`lead_id`
    ) AS p0
      ON `p0`.`lead_id` = l.`id`
    WHERE
      (
        l.`created_at` IS NULL
        OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
  ) AS s
)
SELECT
  l.`id`,
  CASE
    WHEN (
      COALESCE(l.`status__lower`, l.`status`) = 'won'
    )
    THEN 4
    WHEN l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `activity` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          COALESCE(e.`result__lower`, e.`result`) = 'opportunity'
        )
    )
    THEN 3
    WHEN (
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
            COUNT(*) >= 3
          )
      )
    )
    OR (
      l.`id` IN (
        SELECT
          `id`
        FROM score_1
        WHERE
          (
            `total` >= 100
          )
      )
    )
    THEN 2
    WHEN l.`id` IN (
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
    )
    THEN 1
    ELSE 0
  END AS `depth`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );

-- ## funnel depths pipeline · snowflake
WITH score_1 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_0" AS "total"
  FROM (
    SELECT
      l."id",
      1 * COALESCE("p0"."n0", 0) AS "raw_0"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(1) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
  ) AS s
)
SELECT
  l."id",
  CASE
    WHEN (
      COALESCE(l."status__lower", l."status") = 'won'
    )
    THEN 4
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          COALESCE(e."result__lower", e."result") = 'opportunity'
        )
    )
    THEN 3
    WHEN (
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
            COUNT(*) >= 3
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" >= 100
          )
      )
    )
    THEN 2
    WHEN l."id" IN (
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
    )
    THEN 1
    ELSE 0
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );

-- ## funnel depths pipeline · trino
WITH score_1 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_0" AS "total"
  FROM (
    SELECT
      l."id",
      1 * COALESCE("p0"."n0", 0) AS "raw_0"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(1) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
  ) AS s
)
SELECT
  l."id",
  CASE
    WHEN (
      COALESCE(l."status__lower", l."status") = 'won'
    )
    THEN 4
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          COALESCE(e."result__lower", e."result") = 'opportunity'
        )
    )
    THEN 3
    WHEN (
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
            COUNT(*) >= 3
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" >= 100
          )
      )
    )
    THEN 2
    WHEN l."id" IN (
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
    )
    THEN 1
    ELSE 0
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );

-- ## funnel depths short · sqlite
SELECT
  l."id",
  CASE
    WHEN EXISTS(
      SELECT
        1
      FROM "application" AS e
      WHERE
        (
          e."lead_id" = l."id"
        ) AND (
          e."occurred_at" <= :p1
        )
    )
    THEN 1
    WHEN EXISTS(
      SELECT
        1
      FROM "tracking" AS e
      WHERE
        (
          e."lead_id" = l."id"
        ) AND (
          e."occurred_at" <= :p1
        )
    )
    THEN 0
    ELSE -1
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
ORDER BY
  l."id";
-- p1 = 1774958400000000

-- ## funnel depths short · postgres
SELECT
  l."id",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
    )
    THEN 1
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
    )
    THEN 0
    ELSE -1
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel depths short · duckdb
SELECT
  l."id",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
    )
    THEN 1
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
    )
    THEN 0
    ELSE -1
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
ORDER BY
  l."id";
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## funnel depths short · spark
SELECT
  l.`id`,
  CASE
    WHEN EXISTS(
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
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
    THEN 1
    WHEN EXISTS(
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
      ) AS lr_probe_2(lr_k)
      WHERE
        lr_probe_2.lr_k = l.`id`
    )
    THEN 0
    ELSE -1
  END AS `depth`
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

-- ## funnel depths short · bigquery
SELECT
  l.`id`,
  CASE
    WHEN l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
    THEN 1
    WHEN l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `tracking` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
    THEN 0
    ELSE -1
  END AS `depth`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );

-- ## funnel depths short · snowflake
SELECT
  l."id",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
    THEN 1
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
    THEN 0
    ELSE -1
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );

-- ## funnel depths short · trino
SELECT
  l."id",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
    THEN 1
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
    THEN 0
    ELSE -1
  END AS "depth"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );
