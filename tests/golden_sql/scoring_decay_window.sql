-- Golden SQL of the `scoring_decay_window` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   scoring decayed {
--     top: tracking { path = "/" } => +1 per event, max 25
--     contact: application { form = "contact" } => +50 once
--     visits: tracking count >= 3 => +5
--     big: lead { employees >= 100 } => +10
--     decay half-life 30 days
--   }
--   scoring recent {
--     pricing: tracking { path starts with "/pricing" } => +10 per event
--     visits: tracking count >= 3 => +5
--     big: lead { employees >= 100 } => +10
--     window 14 days
--   }
--   scoring both {
--     pricing: tracking { path starts with "/pricing" } => +10 per event
--     contact: application { form = "contact" } => +50 once
--     decay half-life 1 month
--     window 90 days
--   }
--   scoring hours {
--     mail { kind = "click" } => +5 per event
--     decay half-life 12 hours
--   }

-- ## scoring decayed · sqlite
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > :p14 THEN :p14 ELSE "s"."raw_0" END AS "top",
  "s"."raw_1" AS "contact",
  "s"."raw_2" AS "visits",
  "s"."raw_3" AS "big",
  (
    CASE WHEN "s"."raw_0" > :p14 THEN :p14 ELSE "s"."raw_0" END
  ) + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN :p7 * COALESCE(POWER(:p5, CAST((
        :p2 - CAST("p1"."t1" AS REAL) / :p3
      ) AS REAL) / :p4), 1)
      ELSE 0
    END AS "raw_1",
    CASE
      WHEN EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          ) AND (
            e."occurred_at" <= :p10
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= :p11
          )
      )
      THEN :p9 * COALESCE(POWER(:p5, CAST((
        :p2 - CAST("p0"."t2" AS REAL) / :p3
      ) AS REAL) / :p4), 1)
      ELSE 0
    END AS "raw_2",
    CASE WHEN (
      l."employees" >= :p13
    ) THEN :p12 ELSE 0 END AS "raw_3"
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
      MAX(e."occurred_at") AS "t2"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE WHEN (
          COALESCE(e."form__lower", e."form") = :p8
        ) THEN e."occurred_at" END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      ) AND (
        COALESCE(e."form__lower", e."form") = :p8
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p10
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 50
-- p8 = 'contact'
-- p9 = 5
-- p10 = 1774958400000000
-- p11 = 3
-- p12 = 10
-- p13 = 100
-- p14 = 25

-- ## score rows decayed · sqlite
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  CAST("p1"."t1" AS REAL) / :p3 AS "d1_1",
  CASE
    WHEN EXISTS(
      SELECT
        1
      FROM "tracking" AS e
      WHERE
        (
          e."lead_id" = l."id"
        ) AND (
          e."occurred_at" <= :p10
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= :p11
        )
    )
    THEN 1
    ELSE 0
  END AS "d2_0",
  CAST("p0"."t2" AS REAL) / :p3 AS "d2_1",
  CASE WHEN (
    l."employees" >= :p13
  ) THEN 1 ELSE 0 END AS "d3_0"
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
    MAX(e."occurred_at") AS "t2"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE WHEN (
        COALESCE(e."form__lower", e."form") = :p8
      ) THEN e."occurred_at" END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    ) AND (
      COALESCE(e."form__lower", e."form") = :p8
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p10
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p8 = 'contact'
-- p10 = 1774958400000000
-- p11 = 3
-- p13 = 100
-- kinds: per decay, once decay, once decay, once

-- ## scoring decayed · postgres
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > %(p14)s THEN %(p14)s ELSE "s"."raw_0" END AS "top",
  "s"."raw_1" AS "contact",
  "s"."raw_2" AS "visits",
  "s"."raw_3" AS "big",
  (
    CASE WHEN "s"."raw_0" > %(p14)s THEN %(p14)s ELSE "s"."raw_0" END
  ) + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN %(p7)s * COALESCE(
        CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', "p1"."t1")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', "p1"."t1")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END,
        1
      )
      ELSE 0
    END AS "raw_1",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p10)s
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= %(p11)s
          )
      )
      THEN %(p9)s * COALESCE(
        CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', "p0"."t2")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', "p0"."t2")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END,
        1
      )
      ELSE 0
    END AS "raw_2",
    CASE WHEN (
      l."employees" >= %(p13)s
    ) THEN %(p12)s ELSE 0 END AS "raw_3"
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
      MAX(e."occurred_at") AS "t2"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p10)s
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", e."form") = %(p8)s
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= %(p10)s
      )
      AND (
        COALESCE(e."form__lower", e."form") = %(p8)s
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p10)s
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 2592000.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = '/'
-- p7 = 50
-- p8 = 'contact'
-- p9 = 5
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = 3
-- p12 = 10
-- p13 = 100
-- p14 = 25

-- ## score rows decayed · postgres
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  DATE_PART('epoch', "p1"."t1") AS "d1_1",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p10)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= %(p11)s
        )
    )
    THEN 1
    ELSE 0
  END AS "d2_0",
  DATE_PART('epoch', "p0"."t2") AS "d2_1",
  CASE WHEN (
    l."employees" >= %(p13)s
  ) THEN 1 ELSE 0 END AS "d3_0"
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
    MAX(e."occurred_at") AS "t2"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p10)s
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", e."form") = %(p8)s
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= %(p10)s
    )
    AND (
      COALESCE(e."form__lower", e."form") = %(p8)s
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p10)s
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 2592000.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = '/'
-- p8 = 'contact'
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = 3
-- p13 = 100
-- kinds: per decay, once decay, once decay, once

-- ## scoring decayed · duckdb
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > $p14 THEN $p14 ELSE "s"."raw_0" END AS "top",
  "s"."raw_1" AS "contact",
  "s"."raw_2" AS "visits",
  "s"."raw_3" AS "big",
  (
    CASE WHEN "s"."raw_0" > $p14 THEN $p14 ELSE "s"."raw_0" END
  ) + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN $p7 * COALESCE(POWER($p5, (
        $p2 - EPOCH_US("p1"."t1") / $p3
      ) / $p4), 1)
      ELSE 0
    END AS "raw_1",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p10
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= $p11
          )
      )
      THEN $p9 * COALESCE(POWER($p5, (
        $p2 - EPOCH_US("p0"."t2") / $p3
      ) / $p4), 1)
      ELSE 0
    END AS "raw_2",
    CASE WHEN (
      l."employees" >= $p13
    ) THEN $p12 ELSE 0 END AS "raw_3"
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
      MAX(e."occurred_at") AS "t2"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", LOWER(e."form")) = $p8
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
      AND (
        COALESCE(e."form__lower", LOWER(e."form")) = $p8
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p10
    )
) AS s;
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p7 = 50
-- p8 = 'contact'
-- p9 = 5
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = 3
-- p12 = 10
-- p13 = 100
-- p14 = 25

-- ## score rows decayed · duckdb
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  EPOCH_US("p1"."t1") / $p3 AS "d1_1",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p10
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= $p11
        )
    )
    THEN 1
    ELSE 0
  END AS "d2_0",
  EPOCH_US("p0"."t2") / $p3 AS "d2_1",
  CASE WHEN (
    l."employees" >= $p13
  ) THEN 1 ELSE 0 END AS "d3_0"
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
    MAX(e."occurred_at") AS "t2"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", LOWER(e."form")) = $p8
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
    AND (
      COALESCE(e."form__lower", LOWER(e."form")) = $p8
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p10
  );
-- p1 = 1
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2592000.0
-- p5 = 0.5
-- p6 = '/'
-- p8 = 'contact'
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = 3
-- p13 = 100
-- kinds: per decay, once decay, once decay, once

-- ## scoring decayed · spark
SELECT
  `s`.`id`,
  CASE WHEN `s`.`raw_0` > 25 THEN 25 ELSE `s`.`raw_0` END AS `top`,
  `s`.`raw_1` AS `contact`,
  `s`.`raw_2` AS `visits`,
  `s`.`raw_3` AS `big`,
  (
    CASE WHEN `s`.`raw_0` > 25 THEN 25 ELSE `s`.`raw_0` END
  ) + `s`.`raw_1` + `s`.`raw_2` + `s`.`raw_3` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    CASE
      WHEN NOT `p1`.`t1` IS NULL
      THEN 50 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - `p1`.`t1` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS `raw_1`,
    CASE
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
          GROUP BY
            e.`lead_id`
          HAVING
            (
              COUNT(*) >= 3
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
      THEN 5 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - `p0`.`t2` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS `raw_2`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_3`
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
      MAX(e.`occurred_at`) AS `t2`
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
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      MAX(
        CASE
          WHEN (
            COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
          )
          THEN e.`occurred_at`
        END
      ) AS `t1`
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
        COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
      )
    GROUP BY
      e.`lead_id`
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
    )
) AS s;

-- ## score rows decayed · spark
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  CASE WHEN NOT `p1`.`t1` IS NULL THEN 1 ELSE 0 END AS `d1_0`,
  `p1`.`t1` / CAST(1000000.0 AS DOUBLE) AS `d1_1`,
  CASE
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
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(*) >= 3
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
    THEN 1
    ELSE 0
  END AS `d2_0`,
  `p0`.`t2` / CAST(1000000.0 AS DOUBLE) AS `d2_1`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d3_0`
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
    MAX(e.`occurred_at`) AS `t2`
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
LEFT JOIN (
  SELECT
    e.`lead_id`,
    MAX(
      CASE
        WHEN (
          COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
        )
        THEN e.`occurred_at`
      END
    ) AS `t1`
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
      COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
    )
  GROUP BY
    e.`lead_id`
) AS p1
  ON `p1`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per decay, once decay, once decay, once

-- ## scoring decayed · bigquery
SELECT
  `s`.`id`,
  CASE WHEN `s`.`raw_0` > 25 THEN 25 ELSE `s`.`raw_0` END AS `top`,
  `s`.`raw_1` AS `contact`,
  `s`.`raw_2` AS `visits`,
  `s`.`raw_3` AS `big`,
  (
    CASE WHEN `s`.`raw_0` > 25 THEN 25 ELSE `s`.`raw_0` END
  ) + `s`.`raw_1` + `s`.`raw_2` + `s`.`raw_3` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    CASE
      WHEN NOT `p1`.`t1` IS NULL
      THEN 50 * COALESCE(POWER(0.5, (
        1774958400.0 - UNIX_MICROS(`p1`.`t1`) / 1000000.0
      ) / 2592000.0), 1)
      ELSE 0
    END AS `raw_1`,
    CASE
      WHEN l.`id` IN (
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
      THEN 5 * COALESCE(POWER(0.5, (
        1774958400.0 - UNIX_MICROS(`p0`.`t2`) / 1000000.0
      ) / 2592000.0), 1)
      ELSE 0
    END AS `raw_2`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_3`
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
      MAX(e.`occurred_at`) AS `t2`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      MAX(
        CASE
          WHEN (
            COALESCE(e.`form__lower`, e.`form`) = 'contact'
          )
          THEN e.`occurred_at`
        END
      ) AS `t1`
    FROM `application` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        COALESCE(e.`form__lower`, e.`form`) = 'contact'
      )
    GROUP BY
      e.`lead_id`
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL
      OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
) AS s;

-- ## score rows decayed · bigquery
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  CASE WHEN NOT `p1`.`t1` IS NULL THEN 1 ELSE 0 END AS `d1_0`,
  UNIX_MICROS(`p1`.`t1`) / 1000000.0 AS `d1_1`,
  CASE
    WHEN l.`id` IN (
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
    THEN 1
    ELSE 0
  END AS `d2_0`,
  UNIX_MICROS(`p0`.`t2`) / 1000000.0 AS `d2_1`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d3_0`
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
    MAX(e.`occurred_at`) AS `t2`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    MAX(
      CASE
        WHEN (
          COALESCE(e.`form__lower`, e.`form`) = 'contact'
        )
        THEN e.`occurred_at`
      END
    ) AS `t1`
  FROM `application` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      COALESCE(e.`form__lower`, e.`form`) = 'contact'
    )
  GROUP BY
    e.`lead_id`
) AS p1
  ON `p1`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );
-- kinds: per decay, once decay, once decay, once

-- ## scoring decayed · snowflake
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > 25 THEN 25 ELSE "s"."raw_0" END AS "top",
  "s"."raw_1" AS "contact",
  "s"."raw_2" AS "visits",
  "s"."raw_3" AS "big",
  (
    CASE WHEN "s"."raw_0" > 25 THEN 25 ELSE "s"."raw_0" END
  ) + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN 50 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, "p1"."t1") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS "raw_1",
    CASE
      WHEN l."id" IN (
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
      THEN 5 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, "p0"."t2") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS "raw_2",
    CASE WHEN (
      l."employees" >= 100
    ) THEN 10 ELSE 0 END AS "raw_3"
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
      MAX(e."occurred_at") AS "t2"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", e."form") = 'contact'
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        COALESCE(e."form__lower", e."form") = 'contact'
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
) AS s;

-- ## score rows decayed · snowflake
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  DATE_PART(epoch_microsecond, "p1"."t1") / CAST(1000000.0 AS DOUBLE) AS "d1_1",
  CASE
    WHEN l."id" IN (
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
    THEN 1
    ELSE 0
  END AS "d2_0",
  DATE_PART(epoch_microsecond, "p0"."t2") / CAST(1000000.0 AS DOUBLE) AS "d2_1",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d3_0"
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
    MAX(e."occurred_at") AS "t2"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      COALESCE(e."form__lower", e."form") = 'contact'
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );
-- kinds: per decay, once decay, once decay, once

-- ## scoring decayed · trino
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > 25 THEN 25 ELSE "s"."raw_0" END AS "top",
  "s"."raw_1" AS "contact",
  "s"."raw_2" AS "visits",
  "s"."raw_3" AS "big",
  (
    CASE WHEN "s"."raw_0" > 25 THEN 25 ELSE "s"."raw_0" END
  ) + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN 50 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME("p1"."t1") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS "raw_1",
    CASE
      WHEN l."id" IN (
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
      THEN 5 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME("p0"."t2") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2592000.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS "raw_2",
    CASE WHEN (
      l."employees" >= 100
    ) THEN 10 ELSE 0 END AS "raw_3"
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
      MAX(e."occurred_at") AS "t2"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", e."form") = 'contact'
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        COALESCE(e."form__lower", e."form") = 'contact'
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
) AS s;

-- ## score rows decayed · trino
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  CAST(ROUND(TO_UNIXTIME("p1"."t1") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE) AS "d1_1",
  CASE
    WHEN l."id" IN (
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
    THEN 1
    ELSE 0
  END AS "d2_0",
  CAST(ROUND(TO_UNIXTIME("p0"."t2") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE) AS "d2_1",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d3_0"
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
    MAX(e."occurred_at") AS "t2"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      COALESCE(e."form__lower", e."form") = 'contact'
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );
-- kinds: per decay, once decay, once decay, once

-- ## scoring recent · sqlite
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "visits",
  "s"."raw_2" AS "big",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" AS "total"
FROM (
  SELECT
    l."id",
    :p1 * COALESCE("p0"."n0", 0) AS "raw_0",
    CASE
      WHEN EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p6
          )
          AND (
            e."occurred_at" >= :p5
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= :p7
          )
      )
      THEN :p4
      ELSE 0
    END AS "raw_1",
    CASE WHEN (
      l."employees" >= :p8
    ) THEN :p1 ELSE 0 END AS "raw_2"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
          )
          THEN 1
        END
      ) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p6
      )
      AND (
        e."occurred_at" >= :p5
      )
      AND (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p6
    )
) AS s;
-- p1 = 10
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 5
-- p5 = 1773748800000000
-- p6 = 1774958400000000
-- p7 = 3
-- p8 = 100

-- ## score rows recent · sqlite
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  CASE
    WHEN EXISTS(
      SELECT
        1
      FROM "tracking" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p6
        )
        AND (
          e."occurred_at" >= :p5
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= :p7
        )
    )
    THEN 1
    ELSE 0
  END AS "d1_0",
  CASE WHEN (
    l."employees" >= :p8
  ) THEN 1 ELSE 0 END AS "d2_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
        )
        THEN 1
      END
    ) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p6
    )
    AND (
      e."occurred_at" >= :p5
    )
    AND (
      SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p6
  );
-- p2 = '/pricing'
-- p3 = 8
-- p5 = 1773748800000000
-- p6 = 1774958400000000
-- p7 = 3
-- p8 = 100
-- kinds: per, once, once

-- ## scoring recent · postgres
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "visits",
  "s"."raw_2" AS "big",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" AS "total"
FROM (
  SELECT
    l."id",
    %(p1)s * COALESCE("p0"."n0", 0) AS "raw_0",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p7)s
          ) AND (
            e."occurred_at" >= %(p6)s
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= %(p8)s
          )
      )
      THEN %(p5)s
      ELSE 0
    END AS "raw_1",
    CASE WHEN (
      l."employees" >= %(p9)s
    ) THEN %(p1)s ELSE 0 END AS "raw_2"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") LIKE %(p4)s
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p7)s
      )
      AND (
        e."occurred_at" >= %(p6)s
      )
      AND (
        COALESCE(e."path__lower", e."path") LIKE %(p4)s
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p7)s
    )
) AS s;
-- p1 = 10
-- p4 = '/pricing%'
-- p5 = 5
-- p6 = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p8 = 3
-- p9 = 100

-- ## score rows recent · postgres
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p7)s
        ) AND (
          e."occurred_at" >= %(p6)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= %(p8)s
        )
    )
    THEN 1
    ELSE 0
  END AS "d1_0",
  CASE WHEN (
    l."employees" >= %(p9)s
  ) THEN 1 ELSE 0 END AS "d2_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") LIKE %(p4)s
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p7)s
    )
    AND (
      e."occurred_at" >= %(p6)s
    )
    AND (
      COALESCE(e."path__lower", e."path") LIKE %(p4)s
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p7)s
  );
-- p4 = '/pricing%'
-- p6 = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p8 = 3
-- p9 = 100
-- kinds: per, once, once

-- ## scoring recent · duckdb
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "visits",
  "s"."raw_2" AS "big",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" AS "total"
FROM (
  SELECT
    l."id",
    $p1 * COALESCE("p0"."n0", 0) AS "raw_0",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p6
          ) AND (
            e."occurred_at" >= $p5
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= $p7
          )
      )
      THEN $p4
      ELSE 0
    END AS "raw_1",
    CASE WHEN (
      l."employees" >= $p8
    ) THEN $p1 ELSE 0 END AS "raw_2"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
          )
          THEN 1
        END
      ) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p6
      )
      AND (
        e."occurred_at" >= $p5
      )
      AND (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p6
    )
) AS s;
-- p1 = 10
-- p2 = '/pricing'
-- p4 = 5
-- p5 = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.timezone.utc)
-- p6 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = 3
-- p8 = 100

-- ## score rows recent · duckdb
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p6
        ) AND (
          e."occurred_at" >= $p5
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= $p7
        )
    )
    THEN 1
    ELSE 0
  END AS "d1_0",
  CASE WHEN (
    l."employees" >= $p8
  ) THEN 1 ELSE 0 END AS "d2_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
        )
        THEN 1
      END
    ) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p6
    )
    AND (
      e."occurred_at" >= $p5
    )
    AND (
      STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p6
  );
-- p2 = '/pricing'
-- p5 = datetime.datetime(2026, 3, 17, 12, 0, tzinfo=datetime.timezone.utc)
-- p6 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = 3
-- p8 = 100
-- kinds: per, once, once

-- ## scoring recent · spark
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `pricing`,
  `s`.`raw_1` AS `visits`,
  `s`.`raw_2` AS `big`,
  `s`.`raw_0` + `s`.`raw_1` + `s`.`raw_2` AS `total`
FROM (
  SELECT
    l.`id`,
    10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
    CASE
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
            AND (
              e.`occurred_at` >= 1773748800000000
            )
          GROUP BY
            e.`lead_id`
          HAVING
            (
              COUNT(*) >= 3
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
      THEN 5
      ELSE 0
    END AS `raw_1`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_2`
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
      COUNT(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
          )
          THEN 1
        END
      ) AS `n0`
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
        e.`occurred_at` >= 1773748800000000
      )
      AND (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
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

-- ## score rows recent · spark
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  CASE
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
          AND (
            e.`occurred_at` >= 1773748800000000
          )
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(*) >= 3
          )
      ) AS lr_probe_1(lr_k)
      WHERE
        lr_probe_1.lr_k = l.`id`
    )
    THEN 1
    ELSE 0
  END AS `d1_0`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d2_0`
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
    COUNT(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
        )
        THEN 1
      END
    ) AS `n0`
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
      e.`occurred_at` >= 1773748800000000
    )
    AND (
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per, once, once

-- ## scoring recent · bigquery
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `pricing`,
  `s`.`raw_1` AS `visits`,
  `s`.`raw_2` AS `big`,
  `s`.`raw_0` + `s`.`raw_1` + `s`.`raw_2` AS `total`
FROM (
  SELECT
    l.`id`,
    10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
    CASE
      WHEN l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `tracking` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            e.`occurred_at` >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP)
          )
        GROUP BY
          e.`lead_id`
        HAVING
          (
            COUNT(*) >= 3
          )
      )
      THEN 5
      ELSE 0
    END AS `raw_1`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_2`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          THEN 1
        END
      ) AS `n0`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        e.`occurred_at` >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
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

-- ## score rows recent · bigquery
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  CASE
    WHEN l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `tracking` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          e.`occurred_at` >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP)
        )
      GROUP BY
        e.`lead_id`
      HAVING
        (
          COUNT(*) >= 3
        )
    )
    THEN 1
    ELSE 0
  END AS `d1_0`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d2_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
        THEN 1
      END
    ) AS `n0`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      e.`occurred_at` >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
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
-- kinds: per, once, once

-- ## scoring recent · snowflake
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "visits",
  "s"."raw_2" AS "big",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" AS "total"
FROM (
  SELECT
    l."id",
    10 * COALESCE("p0"."n0", 0) AS "raw_0",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMPTZ)
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= 3
          )
      )
      THEN 5
      ELSE 0
    END AS "raw_1",
    CASE WHEN (
      l."employees" >= 100
    ) THEN 10 ELSE 0 END AS "raw_2"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 1
        END
      ) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
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

-- ## score rows recent · snowflake
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMPTZ)
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= 3
        )
    )
    THEN 1
    ELSE 0
  END AS "d1_0",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d2_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 1
      END
    ) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
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
-- kinds: per, once, once

-- ## scoring recent · trino
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "visits",
  "s"."raw_2" AS "big",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" AS "total"
FROM (
  SELECT
    l."id",
    10 * COALESCE("p0"."n0", 0) AS "raw_0",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= 3
          )
      )
      THEN 5
      ELSE 0
    END AS "raw_1",
    CASE WHEN (
      l."employees" >= 100
    ) THEN 10 ELSE 0 END AS "raw_2"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 1
        END
      ) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
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

-- ## score rows recent · trino
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= 3
        )
    )
    THEN 1
    ELSE 0
  END AS "d1_0",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d2_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 1
      END
    ) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      e."occurred_at" >= CAST('2026-03-17 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
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
-- kinds: per, once, once

-- ## scoring both · sqlite
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "contact",
  "s"."raw_0" + "s"."raw_1" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN :p8 * COALESCE(POWER(:p5, CAST((
        :p2 - CAST("p1"."t1" AS REAL) / :p3
      ) AS REAL) / :p4), 1)
      ELSE 0
    END AS "raw_1"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
          )
          THEN :p1 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      )
      AND (
        e."occurred_at" >= :p11
      )
      AND (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE WHEN (
          COALESCE(e."form__lower", e."form") = :p9
        ) THEN e."occurred_at" END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      )
      AND (
        e."occurred_at" >= :p11
      )
      AND (
        COALESCE(e."form__lower", e."form") = :p9
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p10
    )
) AS s;
-- p1 = 10
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2678400.0
-- p5 = 0.5
-- p6 = '/pricing'
-- p7 = 8
-- p8 = 50
-- p9 = 'contact'
-- p10 = 1774958400000000
-- p11 = 1767182400000000

-- ## score rows both · sqlite
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  CAST("p1"."t1" AS REAL) / :p3 AS "d1_1"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
        )
        THEN :p1 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    )
    AND (
      e."occurred_at" >= :p11
    )
    AND (
      SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE WHEN (
        COALESCE(e."form__lower", e."form") = :p9
      ) THEN e."occurred_at" END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    )
    AND (
      e."occurred_at" >= :p11
    )
    AND (
      COALESCE(e."form__lower", e."form") = :p9
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p10
  );
-- p1 = 10
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2678400.0
-- p5 = 0.5
-- p6 = '/pricing'
-- p7 = 8
-- p9 = 'contact'
-- p10 = 1774958400000000
-- p11 = 1767182400000000
-- kinds: per decay, once decay

-- ## scoring both · postgres
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "contact",
  "s"."raw_0" + "s"."raw_1" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN %(p9)s * COALESCE(
        CASE
          WHEN CAST((
            %(p2)s - DATE_PART('epoch', "p1"."t1")
          ) AS DOUBLE PRECISION) / %(p3)s >= %(p5)s
          THEN 0
          ELSE POWER(
            %(p4)s,
            CAST((
              %(p2)s - DATE_PART('epoch', "p1"."t1")
            ) AS DOUBLE PRECISION) / %(p3)s
          )
        END,
        1
      )
      ELSE 0
    END AS "raw_1"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."path__lower", e."path") LIKE %(p8)s
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
      ) AS "v0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p11)s
      )
      AND (
        e."occurred_at" >= %(p12)s
      )
      AND (
        COALESCE(e."path__lower", e."path") LIKE %(p8)s
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", e."form") = %(p10)s
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= %(p11)s
      )
      AND (
        e."occurred_at" >= %(p12)s
      )
      AND (
        COALESCE(e."form__lower", e."form") = %(p10)s
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p11)s
    )
) AS s;
-- p1 = 10
-- p2 = 1774958400.0
-- p3 = 2678400.0
-- p4 = 0.5
-- p5 = 1075.0
-- p8 = '/pricing%'
-- p9 = 50
-- p10 = 'contact'
-- p11 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p12 = datetime.datetime(2025, 12, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## score rows both · postgres
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  DATE_PART('epoch', "p1"."t1") AS "d1_1"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p8)s
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
    ) AS "v0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p11)s
    )
    AND (
      e."occurred_at" >= %(p12)s
    )
    AND (
      COALESCE(e."path__lower", e."path") LIKE %(p8)s
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", e."form") = %(p10)s
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= %(p11)s
    )
    AND (
      e."occurred_at" >= %(p12)s
    )
    AND (
      COALESCE(e."form__lower", e."form") = %(p10)s
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p11)s
  );
-- p1 = 10
-- p2 = 1774958400.0
-- p3 = 2678400.0
-- p4 = 0.5
-- p5 = 1075.0
-- p8 = '/pricing%'
-- p10 = 'contact'
-- p11 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p12 = datetime.datetime(2025, 12, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay, once decay

-- ## scoring both · duckdb
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "contact",
  "s"."raw_0" + "s"."raw_1" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN $p8 * COALESCE(POWER($p5, (
        $p2 - EPOCH_US("p1"."t1") / $p3
      ) / $p4), 1)
      ELSE 0
    END AS "raw_1"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
          )
          THEN $p1 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
      AND (
        e."occurred_at" >= $p11
      )
      AND (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", LOWER(e."form")) = $p9
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
      AND (
        e."occurred_at" >= $p11
      )
      AND (
        COALESCE(e."form__lower", LOWER(e."form")) = $p9
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p10
    )
) AS s;
-- p1 = 10
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2678400.0
-- p5 = 0.5
-- p6 = '/pricing'
-- p8 = 50
-- p9 = 'contact'
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = datetime.datetime(2025, 12, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## score rows both · duckdb
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  EPOCH_US("p1"."t1") / $p3 AS "d1_1"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
        )
        THEN $p1 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
    AND (
      e."occurred_at" >= $p11
    )
    AND (
      STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", LOWER(e."form")) = $p9
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
    AND (
      e."occurred_at" >= $p11
    )
    AND (
      COALESCE(e."form__lower", LOWER(e."form")) = $p9
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p10
  );
-- p1 = 10
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 2678400.0
-- p5 = 0.5
-- p6 = '/pricing'
-- p9 = 'contact'
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = datetime.datetime(2025, 12, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay, once decay

-- ## scoring both · spark
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `pricing`,
  `s`.`raw_1` AS `contact`,
  `s`.`raw_0` + `s`.`raw_1` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    CASE
      WHEN NOT `p1`.`t1` IS NULL
      THEN 50 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - `p1`.`t1` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2678400.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS `raw_1`
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
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
          )
          THEN 10 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2678400.0 AS DOUBLE)
          )
        END
      ) AS `v0`
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
        e.`occurred_at` >= 1767182400000000
      )
      AND (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      MAX(
        CASE
          WHEN (
            COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
          )
          THEN e.`occurred_at`
        END
      ) AS `t1`
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
        e.`occurred_at` >= 1767182400000000
      )
      AND (
        COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
      )
    GROUP BY
      e.`lead_id`
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
    )
) AS s;

-- ## score rows both · spark
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  CASE WHEN NOT `p1`.`t1` IS NULL THEN 1 ELSE 0 END AS `d1_0`,
  `p1`.`t1` / CAST(1000000.0 AS DOUBLE) AS `d1_1`
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
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
        )
        THEN 10 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2678400.0 AS DOUBLE)
        )
      END
    ) AS `v0`
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
      e.`occurred_at` >= 1767182400000000
    )
    AND (
      STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/pricing'))
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    MAX(
      CASE
        WHEN (
          COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
        )
        THEN e.`occurred_at`
      END
    ) AS `t1`
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
      e.`occurred_at` >= 1767182400000000
    )
    AND (
      COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
    )
  GROUP BY
    e.`lead_id`
) AS p1
  ON `p1`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per decay, once decay

-- ## scoring both · bigquery
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `pricing`,
  `s`.`raw_1` AS `contact`,
  `s`.`raw_0` + `s`.`raw_1` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`,
    CASE
      WHEN NOT `p1`.`t1` IS NULL
      THEN 50 * COALESCE(POWER(0.5, (
        1774958400.0 - UNIX_MICROS(`p1`.`t1`) / 1000000.0
      ) / 2678400.0), 1)
      ELSE 0
    END AS `raw_1`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          THEN 10 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 2678400.0)
        END
      ) AS `v0`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        e.`occurred_at` >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      MAX(
        CASE
          WHEN (
            COALESCE(e.`form__lower`, e.`form`) = 'contact'
          )
          THEN e.`occurred_at`
        END
      ) AS `t1`
    FROM `application` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        e.`occurred_at` >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        COALESCE(e.`form__lower`, e.`form`) = 'contact'
      )
    GROUP BY
      e.`lead_id`
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL
      OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
) AS s;

-- ## score rows both · bigquery
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`,
  CASE WHEN NOT `p1`.`t1` IS NULL THEN 1 ELSE 0 END AS `d1_0`,
  UNIX_MICROS(`p1`.`t1`) / 1000000.0 AS `d1_1`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
        )
        THEN 10 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 2678400.0)
      END
    ) AS `v0`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      e.`occurred_at` >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    MAX(
      CASE
        WHEN (
          COALESCE(e.`form__lower`, e.`form`) = 'contact'
        )
        THEN e.`occurred_at`
      END
    ) AS `t1`
  FROM `application` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      e.`occurred_at` >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      COALESCE(e.`form__lower`, e.`form`) = 'contact'
    )
  GROUP BY
    e.`lead_id`
) AS p1
  ON `p1`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );
-- kinds: per decay, once decay

-- ## scoring both · snowflake
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "contact",
  "s"."raw_0" + "s"."raw_1" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN 50 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, "p1"."t1") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2678400.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS "raw_1"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 10 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2678400.0 AS DOUBLE)
          )
        END
      ) AS "v0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", e."form") = 'contact'
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        COALESCE(e."form__lower", e."form") = 'contact'
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
) AS s;

-- ## score rows both · snowflake
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  DATE_PART(epoch_microsecond, "p1"."t1") / CAST(1000000.0 AS DOUBLE) AS "d1_1"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 10 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2678400.0 AS DOUBLE)
        )
      END
    ) AS "v0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      COALESCE(e."form__lower", e."form") = 'contact'
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );
-- kinds: per decay, once decay

-- ## scoring both · trino
SELECT
  "s"."id",
  "s"."raw_0" AS "pricing",
  "s"."raw_1" AS "contact",
  "s"."raw_0" + "s"."raw_1" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0",
    CASE
      WHEN NOT "p1"."t1" IS NULL
      THEN 50 * COALESCE(
        POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME("p1"."t1") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2678400.0 AS DOUBLE)
        ),
        1
      )
      ELSE 0
    END AS "raw_1"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          THEN 10 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(2678400.0 AS DOUBLE)
          )
        END
      ) AS "v0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      MAX(
        CASE
          WHEN (
            COALESCE(e."form__lower", e."form") = 'contact'
          )
          THEN e."occurred_at"
        END
      ) AS "t1"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        COALESCE(e."form__lower", e."form") = 'contact'
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
) AS s;

-- ## score rows both · trino
SELECT
  l."id",
  "p0"."v0" AS "d0_0",
  CASE WHEN NOT "p1"."t1" IS NULL THEN 1 ELSE 0 END AS "d1_0",
  CAST(ROUND(TO_UNIXTIME("p1"."t1") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE) AS "d1_1"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
        )
        THEN 10 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(2678400.0 AS DOUBLE)
        )
      END
    ) AS "v0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    MAX(
      CASE
        WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        )
        THEN e."occurred_at"
      END
    ) AS "t1"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      e."occurred_at" >= CAST('2025-12-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      COALESCE(e."form__lower", e."form") = 'contact'
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );
-- kinds: per decay, once decay

-- ## scoring hours · sqlite
SELECT
  "s"."id",
  "s"."raw_0" AS "rule 1",
  "s"."raw_0" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."kind__lower", e."kind") = :p6
          )
          THEN :p1 * POWER(:p5, CAST((
            :p2 - CAST(e."occurred_at" AS REAL) / :p3
          ) AS REAL) / :p4)
        END
      ) AS "v0"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= :p7
      ) AND (
        COALESCE(e."kind__lower", e."kind") = :p6
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p7
    )
) AS s;
-- p1 = 5
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 43200.0
-- p5 = 0.5
-- p6 = 'click'
-- p7 = 1774958400000000

-- ## score rows hours · sqlite
SELECT
  l."id",
  "p0"."v0" AS "d0_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."kind__lower", e."kind") = :p6
        )
        THEN :p1 * POWER(:p5, CAST((
          :p2 - CAST(e."occurred_at" AS REAL) / :p3
        ) AS REAL) / :p4)
      END
    ) AS "v0"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= :p7
    ) AND (
      COALESCE(e."kind__lower", e."kind") = :p6
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p7
  );
-- p1 = 5
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 43200.0
-- p5 = 0.5
-- p6 = 'click'
-- p7 = 1774958400000000
-- kinds: per decay

-- ## scoring hours · postgres
SELECT
  "s"."id",
  "s"."raw_0" AS "rule 1",
  "s"."raw_0" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."kind__lower", e."kind") = %(p6)s
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
      ) AS "v0"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= %(p7)s
      )
      AND (
        COALESCE(e."kind__lower", e."kind") = %(p6)s
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p7)s
    )
) AS s;
-- p1 = 5
-- p2 = 1774958400.0
-- p3 = 43200.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = 'click'
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## score rows hours · postgres
SELECT
  l."id",
  "p0"."v0" AS "d0_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."kind__lower", e."kind") = %(p6)s
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
    ) AS "v0"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= %(p7)s
    )
    AND (
      COALESCE(e."kind__lower", e."kind") = %(p6)s
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p7)s
  );
-- p1 = 5
-- p2 = 1774958400.0
-- p3 = 43200.0
-- p4 = 0.5
-- p5 = 1075.0
-- p6 = 'click'
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay

-- ## scoring hours · duckdb
SELECT
  "s"."id",
  "s"."raw_0" AS "rule 1",
  "s"."raw_0" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."kind__lower", LOWER(e."kind")) = $p6
          )
          THEN $p1 * POWER($p5, (
            $p2 - EPOCH_US(e."occurred_at") / $p3
          ) / $p4)
        END
      ) AS "v0"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= $p7
      )
      AND (
        COALESCE(e."kind__lower", LOWER(e."kind")) = $p6
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p7
    )
) AS s;
-- p1 = 5
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 43200.0
-- p5 = 0.5
-- p6 = 'click'
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## score rows hours · duckdb
SELECT
  l."id",
  "p0"."v0" AS "d0_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."kind__lower", LOWER(e."kind")) = $p6
        )
        THEN $p1 * POWER($p5, (
          $p2 - EPOCH_US(e."occurred_at") / $p3
        ) / $p4)
      END
    ) AS "v0"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= $p7
    )
    AND (
      COALESCE(e."kind__lower", LOWER(e."kind")) = $p6
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p7
  );
-- p1 = 5
-- p2 = 1774958400.0
-- p3 = 1000000.0
-- p4 = 43200.0
-- p5 = 0.5
-- p6 = 'click'
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per decay

-- ## scoring hours · spark
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `rule 1`,
  `s`.`raw_0` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`
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
            COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
          )
          THEN 5 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
            ) / CAST(43200.0 AS DOUBLE)
          )
        END
      ) AS `v0`
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
        COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
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

-- ## score rows hours · spark
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`
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
          COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
        )
        THEN 5 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - e.`occurred_at` / CAST(1000000.0 AS DOUBLE)
          ) / CAST(43200.0 AS DOUBLE)
        )
      END
    ) AS `v0`
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
      COALESCE(e.`kind__lower`, e.`kind`) = LOWER('click')
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per decay

-- ## scoring hours · bigquery
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `rule 1`,
  `s`.`raw_0` AS `total`
FROM (
  SELECT
    l.`id`,
    COALESCE(`p0`.`v0`, 0) AS `raw_0`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      SUM(
        CASE
          WHEN (
            COALESCE(e.`kind__lower`, e.`kind`) = 'click'
          )
          THEN 5 * POWER(0.5, (
            1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
          ) / 43200.0)
        END
      ) AS `v0`
    FROM `mail` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        COALESCE(e.`kind__lower`, e.`kind`) = 'click'
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

-- ## score rows hours · bigquery
SELECT
  l.`id`,
  `p0`.`v0` AS `d0_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    SUM(
      CASE
        WHEN (
          COALESCE(e.`kind__lower`, e.`kind`) = 'click'
        )
        THEN 5 * POWER(0.5, (
          1774958400.0 - UNIX_MICROS(e.`occurred_at`) / 1000000.0
        ) / 43200.0)
      END
    ) AS `v0`
  FROM `mail` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      COALESCE(e.`kind__lower`, e.`kind`) = 'click'
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
-- kinds: per decay

-- ## scoring hours · snowflake
SELECT
  "s"."id",
  "s"."raw_0" AS "rule 1",
  "s"."raw_0" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."kind__lower", e."kind") = 'click'
          )
          THEN 5 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
            ) / CAST(43200.0 AS DOUBLE)
          )
        END
      ) AS "v0"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        COALESCE(e."kind__lower", e."kind") = 'click'
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

-- ## score rows hours · snowflake
SELECT
  l."id",
  "p0"."v0" AS "d0_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."kind__lower", e."kind") = 'click'
        )
        THEN 5 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - DATE_PART(epoch_microsecond, e."occurred_at") / CAST(1000000.0 AS DOUBLE)
          ) / CAST(43200.0 AS DOUBLE)
        )
      END
    ) AS "v0"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      COALESCE(e."kind__lower", e."kind") = 'click'
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
-- kinds: per decay

-- ## scoring hours · trino
SELECT
  "s"."id",
  "s"."raw_0" AS "rule 1",
  "s"."raw_0" AS "total"
FROM (
  SELECT
    l."id",
    COALESCE("p0"."v0", 0) AS "raw_0"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      SUM(
        CASE
          WHEN (
            COALESCE(e."kind__lower", e."kind") = 'click'
          )
          THEN 5 * POWER(
            CAST(0.5 AS DOUBLE),
            (
              CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
            ) / CAST(43200.0 AS DOUBLE)
          )
        END
      ) AS "v0"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        COALESCE(e."kind__lower", e."kind") = 'click'
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

-- ## score rows hours · trino
SELECT
  l."id",
  "p0"."v0" AS "d0_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    SUM(
      CASE
        WHEN (
          COALESCE(e."kind__lower", e."kind") = 'click'
        )
        THEN 5 * POWER(
          CAST(0.5 AS DOUBLE),
          (
            CAST(1774958400.0 AS DOUBLE) - CAST(ROUND(TO_UNIXTIME(e."occurred_at") * 1000000) AS BIGINT) / CAST(1000000.0 AS DOUBLE)
          ) / CAST(43200.0 AS DOUBLE)
        )
      END
    ) AS "v0"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      COALESCE(e."kind__lower", e."kind") = 'click'
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
-- kinds: per decay
