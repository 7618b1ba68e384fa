-- Golden SQL of the `scoring_extends` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   scoring base {
--     top: tracking { path = "/" } => +1 per event
--     pricing: tracking { path starts with "/pricing" } => +10 per event
--     lead { is_competitor } => -100
--     decay half-life 30 days
--   }
--   scoring ours extends base {
--     pricing: tracking { path starts with "/pricing" } => +15 per event, max 60
--     webinar: tracking { path starts with "/seminar" } => +2 per event
--   }
--   scoring windowed extends ours {
--     window 7 days
--   }

-- ## scoring ours · sqlite
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > :p14 THEN :p14 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > :p14 THEN :p14 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN :p10 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = :p6
          )
          THEN :p1 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
          )
          THEN :p7 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
          )
          THEN :p11 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p13
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = :p6
        )
        OR (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
        )
        OR (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p13
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p9 = 8
-- p10 = -100
-- p11 = 2
-- p12 = '/seminar'
-- p13 = 1774958400000000
-- p14 = 60

-- ## score rows ours · sqlite
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = :p6
        )
        THEN :p1 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
        )
        THEN :p7 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
        )
        THEN :p11 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p13
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = :p6
      )
      OR (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
      )
      OR (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p13
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p9 = 8
-- p11 = 2
-- p12 = '/seminar'
-- p13 = 1774958400000000
-- kinds: per decay, per decay, once, per decay

-- ## scoring ours · postgres
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > %(p16)s THEN %(p16)s ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > %(p16)s THEN %(p16)s ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN %(p11)s ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = %(p6)s
          )
          THEN %(p1)s * CASE
            WHEN CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
            THEN 0
            ELSE POWER(
              %(p4)s,
              CAST((
                %(p2)s - DATE_PART('epoch', e."occurred_at")
              ) AS DOUBLE PRECISION) / %(p3)s
            )
          END
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") LIKE %(p10)s
          )
          THEN %(p7)s * CASE
            WHEN CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
            THEN 0
            ELSE POWER(
              %(p4)s,
              CAST((
                %(p2)s - DATE_PART('epoch', e."occurred_at")
              ) AS DOUBLE PRECISION) / %(p3)s
            )
          END
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") LIKE %(p14)s
          )
          THEN %(p12)s * CASE
            WHEN CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
            THEN 0
            ELSE POWER(
              %(p4)s,
              CAST((
                %(p2)s - DATE_PART('epoch', e."occurred_at")
              ) AS DOUBLE PRECISION) / %(p3)s
            )
          END
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p15)s
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = %(p6)s
        )
        OR (
          COALESCE(e."path__lower", e."path") LIKE %(p10)s
        )
        OR (
          COALESCE(e."path__lower", e."path") LIKE %(p14)s
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p15)s
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 2592000.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = '/'
-- p7 = 15
-- p10 = '/pricing%'
-- p11 = -100
-- p12 = 2
-- p14 = '/seminar%'
-- p15 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p16 = 60

-- ## score rows ours · postgres
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = %(p6)s
        )
        THEN %(p1)s * CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', e."occurred_at")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p10)s
        )
        THEN %(p7)s * CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', e."occurred_at")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p14)s
        )
        THEN %(p12)s * CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', e."occurred_at")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p15)s
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = %(p6)s
      )
      OR (
        COALESCE(e."path__lower", e."path") LIKE %(p10)s
      )
      OR (
        COALESCE(e."path__lower", e."path") LIKE %(p14)s
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p15)s
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 2592000.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = '/'
-- p7 = 15
-- p10 = '/pricing%'
-- p12 = 2
-- p14 = '/seminar%'
-- p15 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay, per decay, once, per decay

-- ## scoring ours · duckdb
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > $p14 THEN $p14 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > $p14 THEN $p14 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN $p10 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", LOWER(e."path")) = $p6
          )
          THEN $p1 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
          )
          THEN $p7 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
          )
          THEN $p11 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p13
      )
      AND (
        (
          COALESCE(e."path__lower", LOWER(e."path")) = $p6
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p13
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p10 = -100
-- p11 = 2
-- p12 = '/seminar'
-- p13 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p14 = 60

-- ## score rows ours · duckdb
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", LOWER(e."path")) = $p6
        )
        THEN $p1 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
        )
        THEN $p7 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
        )
        THEN $p11 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p13
    )
    AND (
      (
        COALESCE(e."path__lower", LOWER(e."path")) = $p6
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p13
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p11 = 2
-- p12 = '/seminar'
-- p13 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay, per decay, once, per decay

-- ## scoring ours · spark
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `top`,
  CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END AS `pricing`,
  `s`.`raw_2` AS `rule 3`,
  `s`.`raw_3` AS `webinar`,
  `s`.`raw_0` + (
    CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END
  ) + `s`.`raw_2` + `s`.`raw_3` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    COALESCE(`p0`.`v1`, 0) AS `raw_1`,
    CASE WHEN (
      l.`is_competitor` = TRUE
    ) THEN -100 ELSE 0 END AS `raw_2`,
    COALESCE(`p0`.`v3`, 0) AS `raw_3`
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
      SUM(
        CASE
          WHEN (
            COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
          )
          THEN 1 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS `v0`,
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
          )
          THEN 15 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS `v1`,
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
          )
          THEN 2 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS `v3`
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
          COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
        )
        OR (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
        )
        OR (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
        )
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
    )
) AS s;

-- ## score rows ours · spark
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  `p0`.`v1` AS `d1_0`,
  CASE WHEN (
    l.`is_competitor` = TRUE
  ) THEN 1 ELSE 0 END AS `d2_0`,
  `p0`.`v3` AS `d3_0`
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
    SUM(
      CASE
        WHEN (
          COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
        )
        THEN 1 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS `v0`,
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
        )
        THEN 15 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS `v1`,
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
        )
        THEN 2 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS `v3`
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
        COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
      )
      OR (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
      )
      OR (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
      )
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring ours · bigquery
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `top`,
  CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END AS `pricing`,
  `s`.`raw_2` AS `rule 3`,
  `s`.`raw_3` AS `webinar`,
  `s`.`raw_0` + (
    CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END
  ) + `s`.`raw_2` + `s`.`raw_3` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    COALESCE(`p0`.`v1`, 0) AS `raw_1`,
    CASE WHEN (
      l.`is_competitor` = TRUE
    ) THEN -100 ELSE 0 END AS `raw_2`,
    COALESCE(`p0`.`v3`, 0) AS `raw_3`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      SUM(
        CASE
          WHEN (
            COALESCE(e.`path__lower`, e.`path`) = '/'
          )
          THEN 1 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2592000.0)
        END
      ) AS `v0`,
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          THEN 15 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2592000.0)
        END
      ) AS `v1`,
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
          )
          THEN 2 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2592000.0)
        END
      ) AS `v3`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        (
          COALESCE(e.`path__lower`, e.`path`) = '/'
        )
        OR (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
        OR (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
        )
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
) AS s;

-- ## score rows ours · bigquery
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  `p0`.`v1` AS `d1_0`,
  CASE WHEN (
    l.`is_competitor` = TRUE
  ) THEN 1 ELSE 0 END AS `d2_0`,
  `p0`.`v3` AS `d3_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    SUM(
      CASE
        WHEN (
          COALESCE(e.`path__lower`, e.`path`) = '/'
        )
        THEN 1 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2592000.0)
      END
    ) AS `v0`,
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
        THEN 15 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2592000.0)
      END
    ) AS `v1`,
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
        )
        THEN 2 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2592000.0)
      END
    ) AS `v3`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      (
        COALESCE(e.`path__lower`, e.`path`) = '/'
      )
      OR (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
      )
      OR (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
      )
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring ours · snowflake
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN -100 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = '/'
          )
          THEN 1 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 15 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
          )
          THEN 2 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = '/'
        )
        OR (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        OR (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
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
) AS s;

-- ## score rows ours · snowflake
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = '/'
        )
        THEN 1 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 15 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
        THEN 2 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = '/'
      )
      OR (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
      )
      OR (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring ours · trino
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN -100 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = '/'
          )
          THEN 1 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 15 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
          )
          THEN 2 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = '/'
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
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
) AS s;

-- ## score rows ours · trino
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = '/'
        )
        THEN 1 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 15 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
        THEN 2 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = '/'
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · sqlite
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > :p15 THEN :p15 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > :p15 THEN :p15 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN :p10 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = :p6
          )
          THEN :p1 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
          )
          THEN :p7 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
          )
          THEN :p11 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p13
      )
      AND (
        e."occurred_at" >= :p14
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = :p6
        )
        OR (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
        )
        OR (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p13
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p9 = 8
-- p10 = -100
-- p11 = 2
-- p12 = '/seminar'
-- p13 = 1774958400000000
-- p14 = 1774353600000000
-- p15 = 60

-- ## score rows windowed · sqlite
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = :p6
        )
        THEN :p1 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
        )
        THEN :p7 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
        )
        THEN :p11 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p13
    )
    AND (
      e."occurred_at" >= :p14
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = :p6
      )
      OR (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p8
      )
      OR (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p9) = :p12
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p13
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p9 = 8
-- p11 = 2
-- p12 = '/seminar'
-- p13 = 1774958400000000
-- p14 = 1774353600000000
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · postgres
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > %(p17)s THEN %(p17)s ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > %(p17)s THEN %(p17)s ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN %(p11)s ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = %(p6)s
          )
          THEN %(p1)s * CASE
            WHEN CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
            THEN 0
            ELSE POWER(
              %(p4)s,
              CAST((
                %(p2)s - DATE_PART('epoch', e."occurred_at")
              ) AS DOUBLE PRECISION) / %(p3)s
            )
          END
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") LIKE %(p10)s
          )
          THEN %(p7)s * CASE
            WHEN CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
            THEN 0
            ELSE POWER(
              %(p4)s,
              CAST((
                %(p2)s - DATE_PART('epoch', e."occurred_at")
              ) AS DOUBLE PRECISION) / %(p3)s
            )
          END
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") LIKE %(p14)s
          )
          THEN %(p12)s * CASE
            WHEN CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
            THEN 0
            ELSE POWER(
              %(p4)s,
              CAST((
                %(p2)s - DATE_PART('epoch', e."occurred_at")
              ) AS DOUBLE PRECISION) / %(p3)s
            )
          END
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p15)s
      )
      AND (
        e."occurred_at" >= %(p16)s
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = %(p6)s
        )
        OR (
          COALESCE(e."path__lower", e."path") LIKE %(p10)s
        )
        OR (
          COALESCE(e."path__lower", e."path") LIKE %(p14)s
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p15)s
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 2592000.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = '/'
-- p7 = 15
-- p10 = '/pricing%'
-- p11 = -100
-- p12 = 2
-- p14 = '/seminar%'
-- p15 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p16 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p17 = 60

-- ## score rows windowed · postgres
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = %(p6)s
        )
        THEN %(p1)s * CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', e."occurred_at")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p10)s
        )
        THEN %(p7)s * CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', e."occurred_at")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p14)s
        )
        THEN %(p12)s * CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', e."occurred_at")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', e."occurred_at")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p15)s
    )
    AND (
      e."occurred_at" >= %(p16)s
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = %(p6)s
      )
      OR (
        COALESCE(e."path__lower", e."path") LIKE %(p10)s
      )
      OR (
        COALESCE(e."path__lower", e."path") LIKE %(p14)s
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p15)s
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 2592000.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = '/'
-- p7 = 15
-- p10 = '/pricing%'
-- p12 = 2
-- p14 = '/seminar%'
-- p15 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p16 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · duckdb
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > $p15 THEN $p15 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > $p15 THEN $p15 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN $p10 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", LOWER(e."path")) = $p6
          )
          THEN $p1 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
          )
          THEN $p7 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
          )
          THEN $p11 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p13
      )
      AND (
        e."occurred_at" >= $p14
      )
      AND (
        (
          COALESCE(e."path__lower", LOWER(e."path")) = $p6
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p13
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p10 = -100
-- p11 = 2
-- p12 = '/seminar'
-- p13 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p14 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p15 = 60

-- ## score rows windowed · duckdb
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", LOWER(e."path")) = $p6
        )
        THEN $p1 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
        )
        THEN $p7 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
        )
        THEN $p11 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p13
    )
    AND (
      e."occurred_at" >= $p14
    )
    AND (
      (
        COALESCE(e."path__lower", LOWER(e."path")) = $p6
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p8)
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p12)
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p13
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 15
-- p8 = '/pricing'
-- p11 = 2
-- p12 = '/seminar'
-- p13 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p14 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · spark
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `top`,
  CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END AS `pricing`,
  `s`.`raw_2` AS `rule 3`,
  `s`.`raw_3` AS `webinar`,
  `s`.`raw_0` + (
    CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END
  ) + `s`.`raw_2` + `s`.`raw_3` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    COALESCE(`p0`.`v1`, 0) AS `raw_1`,
    CASE WHEN (
      l.`is_competitor` = TRUE
    ) THEN -100 ELSE 0 END AS `raw_2`,
    COALESCE(`p0`.`v3`, 0) AS `raw_3`
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
      SUM(
        CASE
          WHEN (
            COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
          )
          THEN 1 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS `v0`,
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
          )
          THEN 15 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS `v1`,
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
          )
          THEN 2 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS `v3`
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
        e.`occurred_at` >= 1774353600000000
      )
      AND (
        (
          COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
        )
        OR (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
        )
        OR (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
        )
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
    )
) AS s;

-- ## score rows windowed · spark
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  `p0`.`v1` AS `d1_0`,
  CASE WHEN (
    l.`is_competitor` = TRUE
  ) THEN 1 ELSE 0 END AS `d2_0`,
  `p0`.`v3` AS `d3_0`
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
    SUM(
      CASE
        WHEN (
          COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
        )
        THEN 1 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS `v0`,
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
        )
        THEN 15 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS `v1`,
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
        )
        THEN 2 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS `v3`
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
      e.`occurred_at` >= 1774353600000000
    )
    AND (
      (
        COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
      )
      OR (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
      )
      OR (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/seminar'))
      )
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · bigquery
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `top`,
  CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END AS `pricing`,
  `s`.`raw_2` AS `rule 3`,
  `s`.`raw_3` AS `webinar`,
  `s`.`raw_0` + (
    CASE WHEN `s`.`raw_1` > 60 THEN 60 ELSE `s`.`raw_1` END
  ) + `s`.`raw_2` + `s`.`raw_3` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    COALESCE(`p0`.`v1`, 0) AS `raw_1`,
    CASE WHEN (
      l.`is_competitor` = TRUE
    ) THEN -100 ELSE 0 END AS `raw_2`,
    COALESCE(`p0`.`v3`, 0) AS `raw_3`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      SUM(
        CASE
          WHEN (
            COALESCE(e.`path__lower`, e.`path`) = '/'
          )
          THEN 1 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2592000.0)
        END
      ) AS `v0`,
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          THEN 15 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2592000.0)
        END
      ) AS `v1`,
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
          )
          THEN 2 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2592000.0)
        END
      ) AS `v3`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        e.`occurred_at` >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        (
          COALESCE(e.`path__lower`, e.`path`) = '/'
        )
        OR (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
        OR (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
        )
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
) AS s;

-- ## score rows windowed · bigquery
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  `p0`.`v1` AS `d1_0`,
  CASE WHEN (
    l.`is_competitor` = TRUE
  ) THEN 1 ELSE 0 END AS `d2_0`,
  `p0`.`v3` AS `d3_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    SUM(
      CASE
        WHEN (
          COALESCE(e.`path__lower`, e.`path`) = '/'
        )
        THEN 1 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2592000.0)
      END
    ) AS `v0`,
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
        THEN 15 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2592000.0)
      END
    ) AS `v1`,
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
        )
        THEN 2 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2592000.0)
      END
    ) AS `v3`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      e.`occurred_at` >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      (
        COALESCE(e.`path__lower`, e.`path`) = '/'
      )
      OR (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
      )
      OR (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/seminar')
      )
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · snowflake
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN -100 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = '/'
          )
          THEN 1 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 15 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
          )
          THEN 2 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = '/'
        )
        OR (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        OR (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
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
) AS s;

-- ## score rows windowed · snowflake
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = '/'
        )
        THEN 1 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 15 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
        THEN 2 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = '/'
      )
      OR (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
      )
      OR (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/seminar')
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );
-- kinds: per decay, per decay, once, per decay

-- ## scoring windowed · trino
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END AS "pricing",
  "s"."raw_2" AS "rule 3",
  "s"."raw_3" AS "webinar",
  "s"."raw_0" + (
    CASE WHEN "s"."raw_1" > 60 THEN 60 ELSE "s"."raw_1" END
  ) + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    COALESCE("p0"."v1", 0) AS "raw_1",
    CASE WHEN (
      l."is_competitor" = TRUE
    ) THEN -100 ELSE 0 END AS "raw_2",
    COALESCE("p0"."v3", 0) AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") = '/'
          )
          THEN 1 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v0",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 15 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v1",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
          )
          THEN 2 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2592000.0 AS DOUBLE)
          )
        END
      ) AS "v3"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") = '/'
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
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
) AS s;

-- ## score rows windowed · trino
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  "p0"."v1" AS "d1_0",
  CASE WHEN (
    l."is_competitor" = TRUE
  ) THEN 1 ELSE 0 END AS "d2_0",
  "p0"."v3" AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") = '/'
        )
        THEN 1 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v0",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 15 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v1",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
        )
        THEN 2 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        )
      END
    ) AS "v3"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") = '/'
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/seminar')
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );
-- kinds: per decay, per decay, once, per decay
