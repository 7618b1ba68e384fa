-- Golden SQL of the `scoring_caps` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   scoring caps {
--     products: tracking { path starts with "/products/" } => +3 per event, max 30
--     faq: tracking { path starts with "/faq" } => -1 per event, min -5
--     both: mail { kind = "open" } => +0.5 per event, max 10, min 0
--     capped_once: application exists => +50 once, max 20
--   }

-- ## scoring caps · sqlite
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > :p11 THEN :p11 ELSE "s"."raw_0" END AS "products",
  CASE WHEN "s"."raw_1" < :p12 THEN :p12 ELSE "s"."raw_1" END AS "faq",
  CASE
    WHEN CASE WHEN "s"."raw_2" > :p3 THEN :p3 ELSE "s"."raw_2" END < :p13
    THEN :p13
    ELSE CASE WHEN "s"."raw_2" > :p3 THEN :p3 ELSE "s"."raw_2" END
  END AS "both",
  CASE WHEN "s"."raw_3" > :p14 THEN :p14 ELSE "s"."raw_3" END AS "capped_once",
  (
    CASE WHEN "s"."raw_0" > :p11 THEN :p11 ELSE "s"."raw_0" END
  ) + (
    CASE WHEN "s"."raw_1" < :p12 THEN :p12 ELSE "s"."raw_1" END
  ) + (
    CASE
      WHEN CASE WHEN "s"."raw_2" > :p3 THEN :p3 ELSE "s"."raw_2" END < :p13
      THEN :p13
      ELSE CASE WHEN "s"."raw_2" > :p3 THEN :p3 ELSE "s"."raw_2" END
    END
  ) + (
    CASE WHEN "s"."raw_3" > :p14 THEN :p14 ELSE "s"."raw_3" END
  ) AS "total"
FROM (
  SELECT
    l."id",
    :p1 * COALESCE("p0"."n0", 0) AS "raw_0",
    :p4 * COALESCE("p0"."n1", 0) AS "raw_1",
    :p7 * COALESCE("p1"."n2", 0) AS "raw_2",
    CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN :p9 ELSE 0 END AS "raw_3"
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
      ) AS "n0",
      COUNT(
        CASE
          WHEN (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p6) = :p5
          )
          THEN 1
        END
      ) AS "n1"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      )
      AND (
        (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
        )
        OR (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p6) = :p5
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."kind__lower", e."kind") = :p8
      ) THEN 1 END) AS "n2"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      ) AND (
        COALESCE(e."kind__lower", e."kind") = :p8
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n3"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= :p10
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p10
    )
) AS s;
-- p1 = 3
-- p2 = '/products/'
-- p3 = 10
-- p4 = -1
-- p5 = '/faq'
-- p6 = 4
-- p7 = 0.5
-- p8 = 'open'
-- p9 = 50
-- p10 = 1774958400000000
-- p11 = 30
-- p12 = -5
-- p13 = 0
-- p14 = 20

-- ## score rows caps · sqlite
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p0"."n1", 0) AS "d1_0",
  COALESCE("p1"."n2", 0) AS "d2_0",
  CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 1 ELSE 0 END AS "d3_0"
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
    ) AS "n0",
    COUNT(
      CASE
        WHEN (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p6) = :p5
        )
        THEN 1
      END
    ) AS "n1"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    )
    AND (
      (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
      )
      OR (
        SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p6) = :p5
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."kind__lower", e."kind") = :p8
    ) THEN 1 END) AS "n2"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    ) AND (
      COALESCE(e."kind__lower", e."kind") = :p8
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n3"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= :p10
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p10
  );
-- p2 = '/products/'
-- p3 = 10
-- p5 = '/faq'
-- p6 = 4
-- p8 = 'open'
-- p10 = 1774958400000000
-- kinds: per, per, per, once

-- ## scoring caps · postgres
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > %(p13)s THEN %(p13)s ELSE "s"."raw_0" END AS "products",
  CASE WHEN "s"."raw_1" < %(p14)s THEN %(p14)s ELSE "s"."raw_1" END AS "faq",
  CASE
    WHEN CASE WHEN "s"."raw_2" > %(p3)s THEN %(p3)s ELSE "s"."raw_2" END < %(p15)s
    THEN %(p15)s
    ELSE CASE WHEN "s"."raw_2" > %(p3)s THEN %(p3)s ELSE "s"."raw_2" END
  END AS "both",
  CASE WHEN "s"."raw_3" > %(p16)s THEN %(p16)s ELSE "s"."raw_3" END AS "capped_once",
  (
    CASE WHEN "s"."raw_0" > %(p13)s THEN %(p13)s ELSE "s"."raw_0" END
  ) + (
    CASE WHEN "s"."raw_1" < %(p14)s THEN %(p14)s ELSE "s"."raw_1" END
  ) + (
    CASE
      WHEN CASE WHEN "s"."raw_2" > %(p3)s THEN %(p3)s ELSE "s"."raw_2" END < %(p15)s
      THEN %(p15)s
      ELSE CASE WHEN "s"."raw_2" > %(p3)s THEN %(p3)s ELSE "s"."raw_2" END
    END
  ) + (
    CASE WHEN "s"."raw_3" > %(p16)s THEN %(p16)s ELSE "s"."raw_3" END
  ) AS "total"
FROM (
  SELECT
    l."id",
    %(p1)s * COALESCE("p0"."n0", 0) AS "raw_0",
    %(p5)s * COALESCE("p0"."n1", 0) AS "raw_1",
    %(p9)s * COALESCE("p1"."n2", 0) AS "raw_2",
    CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN %(p11)s ELSE 0 END AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") LIKE %(p4)s
      ) THEN 1 END) AS "n0",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") LIKE %(p8)s
      ) THEN 1 END) AS "n1"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p12)s
      )
      AND (
        (
          COALESCE(e."path__lower", e."path") LIKE %(p4)s
        )
        OR (
          COALESCE(e."path__lower", e."path") LIKE %(p8)s
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."kind__lower", e."kind") = %(p10)s
      ) THEN 1 END) AS "n2"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= %(p12)s
      )
      AND (
        COALESCE(e."kind__lower", e."kind") = %(p10)s
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n3"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= %(p12)s
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p12)s
    )
) AS s;
-- p1 = 3
-- p3 = 10
-- p4 = '/products/%'
-- p5 = -1
-- p8 = '/faq%'
-- p9 = 0.5
-- p10 = 'open'
-- p11 = 50
-- p12 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p13 = 30
-- p14 = -5
-- p15 = 0
-- p16 = 20

-- ## score rows caps · postgres
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p0"."n1", 0) AS "d1_0",
  COALESCE("p1"."n2", 0) AS "d2_0",
  CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 1 ELSE 0 END AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") LIKE %(p4)s
    ) THEN 1 END) AS "n0",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") LIKE %(p8)s
    ) THEN 1 END) AS "n1"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p12)s
    )
    AND (
      (
        COALESCE(e."path__lower", e."path") LIKE %(p4)s
      )
      OR (
        COALESCE(e."path__lower", e."path") LIKE %(p8)s
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."kind__lower", e."kind") = %(p10)s
    ) THEN 1 END) AS "n2"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= %(p12)s
    )
    AND (
      COALESCE(e."kind__lower", e."kind") = %(p10)s
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n3"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= %(p12)s
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p12)s
  );
-- p4 = '/products/%'
-- p8 = '/faq%'
-- p10 = 'open'
-- p12 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per, per, per, once

-- ## scoring caps · duckdb
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > $p11 THEN $p11 ELSE "s"."raw_0" END AS "products",
  CASE WHEN "s"."raw_1" < $p12 THEN $p12 ELSE "s"."raw_1" END AS "faq",
  CASE
    WHEN CASE WHEN "s"."raw_2" > $p3 THEN $p3 ELSE "s"."raw_2" END < $p13
    THEN $p13
    ELSE CASE WHEN "s"."raw_2" > $p3 THEN $p3 ELSE "s"."raw_2" END
  END AS "both",
  CASE WHEN "s"."raw_3" > $p14 THEN $p14 ELSE "s"."raw_3" END AS "capped_once",
  (
    CASE WHEN "s"."raw_0" > $p11 THEN $p11 ELSE "s"."raw_0" END
  ) + (
    CASE WHEN "s"."raw_1" < $p12 THEN $p12 ELSE "s"."raw_1" END
  ) + (
    CASE
      WHEN CASE WHEN "s"."raw_2" > $p3 THEN $p3 ELSE "s"."raw_2" END < $p13
      THEN $p13
      ELSE CASE WHEN "s"."raw_2" > $p3 THEN $p3 ELSE "s"."raw_2" END
    END
  ) + (
    CASE WHEN "s"."raw_3" > $p14 THEN $p14 ELSE "s"."raw_3" END
  ) AS "total"
FROM (
  SELECT
    l."id",
    $p1 * COALESCE("p0"."n0", 0) AS "raw_0",
    $p4 * COALESCE("p0"."n1", 0) AS "raw_1",
    $p7 * COALESCE("p1"."n2", 0) AS "raw_2",
    CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN $p9 ELSE 0 END AS "raw_3"
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
      ) AS "n0",
      COUNT(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p5)
          )
          THEN 1
        END
      ) AS "n1"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
      AND (
        (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p5)
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."kind__lower", LOWER(e."kind")) = $p8
      ) THEN 1 END) AS "n2"
    FROM "mail" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
      AND (
        COALESCE(e."kind__lower", LOWER(e."kind")) = $p8
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n3"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= $p10
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p10
    )
) AS s;
-- p1 = 3
-- p2 = '/products/'
-- p3 = 10
-- p4 = -1
-- p5 = '/faq'
-- p7 = 0.5
-- p8 = 'open'
-- p9 = 50
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p11 = 30
-- p12 = -5
-- p13 = 0
-- p14 = 20

-- ## score rows caps · duckdb
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p0"."n1", 0) AS "d1_0",
  COALESCE("p1"."n2", 0) AS "d2_0",
  CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 1 ELSE 0 END AS "d3_0"
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
    ) AS "n0",
    COUNT(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p5)
        )
        THEN 1
      END
    ) AS "n1"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
    AND (
      (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p5)
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."kind__lower", LOWER(e."kind")) = $p8
    ) THEN 1 END) AS "n2"
  FROM "mail" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
    AND (
      COALESCE(e."kind__lower", LOWER(e."kind")) = $p8
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n3"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= $p10
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p10
  );
-- p2 = '/products/'
-- p5 = '/faq'
-- p8 = 'open'
-- p10 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- kinds: per, per, per, once

-- ## scoring caps · spark
SELECT
  `s`.`id`,
  CASE WHEN `s`.`raw_0` > 30 THEN 30 ELSE `s`.`raw_0` END AS `products`,
  CASE WHEN `s`.`raw_1` < -5 THEN -5 ELSE `s`.`raw_1` END AS `faq`,
  CASE
    WHEN CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END < 0
    THEN 0
    ELSE CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END
  END AS `both`,
  CASE WHEN `s`.`raw_3` > 20 THEN 20 ELSE `s`.`raw_3` END AS `capped_once`,
  (
    CASE WHEN `s`.`raw_0` > 30 THEN 30 ELSE `s`.`raw_0` END
  ) + (
    CASE WHEN `s`.`raw_1` < -5 THEN -5 ELSE `s`.`raw_1` END
  ) + (
    CASE
      WHEN CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END < 0
      THEN 0
      ELSE CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END
    END
  ) + (
    CASE WHEN `s`.`raw_3` > 20 THEN 20 ELSE `s`.`raw_3` END
  ) AS `total`
FROM (
  SELECT
    l.`id`,
    3 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
    -1 * COALESCE(`p0`.`n1`, 0) AS `raw_1`,
    CAST(0.5 AS DOUBLE) * COALESCE(`p1`.`n2`, 0) AS `raw_2`,
    CASE WHEN COALESCE(`p2`.`n3`, 0) > 0 THEN 50 ELSE 0 END AS `raw_3`
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
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/products/'))
          )
          THEN 1
        END
      ) AS `n0`,
      COUNT(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/faq'))
          )
          THEN 1
        END
      ) AS `n1`
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
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/products/'))
        )
        OR (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/faq'))
        )
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(CASE WHEN (
        COALESCE(e.`kind__lower`, e.`kind`) = LOWER('open')
      ) THEN 1 END) AS `n2`
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
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(1) AS `n3`
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
  ) AS p2
    ON `p2`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
    )
) AS s;

-- ## score rows caps · spark
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  COALESCE(`p0`.`n1`, 0) AS `d1_0`,
  COALESCE(`p1`.`n2`, 0) AS `d2_0`,
  CASE WHEN COALESCE(`p2`.`n3`, 0) > 0 THEN 1 ELSE 0 END AS `d3_0`
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
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/products/'))
        )
        THEN 1
      END
    ) AS `n0`,
    COUNT(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/faq'))
        )
        THEN 1
      END
    ) AS `n1`
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
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/products/'))
      )
      OR (
        STARTSWITH(COALESCE(e.`path__lower`, e.`path`), LOWER('/faq'))
      )
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(CASE WHEN (
      COALESCE(e.`kind__lower`, e.`kind`) = LOWER('open')
    ) THEN 1 END) AS `n2`
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
) AS p1
  ON `p1`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(1) AS `n3`
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
) AS p2
  ON `p2`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL OR l.`created_at` <= 1774958400000000
  );
-- kinds: per, per, per, once

-- ## scoring caps · bigquery
SELECT
  `s`.`id`,
  CASE WHEN `s`.`raw_0` > 30 THEN 30 ELSE `s`.`raw_0` END AS `products`,
  CASE WHEN `s`.`raw_1` < -5 THEN -5 ELSE `s`.`raw_1` END AS `faq`,
  CASE
    WHEN CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END < 0
    THEN 0
    ELSE CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END
  END AS `both`,
  CASE WHEN `s`.`raw_3` > 20 THEN 20 ELSE `s`.`raw_3` END AS `capped_once`,
  (
    CASE WHEN `s`.`raw_0` > 30 THEN 30 ELSE `s`.`raw_0` END
  ) + (
    CASE WHEN `s`.`raw_1` < -5 THEN -5 ELSE `s`.`raw_1` END
  ) + (
    CASE
      WHEN CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END < 0
      THEN 0
      ELSE CASE WHEN `s`.`raw_2` > 10 THEN 10 ELSE `s`.`raw_2` END
    END
  ) + (
    CASE WHEN `s`.`raw_3` > 20 THEN 20 ELSE `s`.`raw_3` END
  ) AS `total`
FROM (
  SELECT
    l.`id`,
    3 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
    -1 * COALESCE(`p0`.`n1`, 0) AS `raw_1`,
    0.5 * COALESCE(`p1`.`n2`, 0) AS `raw_2`,
    CASE WHEN COALESCE(`p2`.`n3`, 0) > 0 THEN 50 ELSE 0 END AS `raw_3`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/products/')
          )
          THEN 1
        END
      ) AS `n0`,
      COUNT(
        CASE WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/faq')
        ) THEN 1 END
      ) AS `n1`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/products/')
        )
        OR (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/faq')
        )
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(CASE WHEN (
        COALESCE(e.`kind__lower`, e.`kind`) = 'open'
      ) THEN 1 END) AS `n2`
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
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(1) AS `n3`
    FROM `application` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
    GROUP BY
      e.`lead_id`
  ) AS p2
    ON `p2`.`lead_id` = l.`id`
  WHERE
    (
      l.`created_at` IS NULL
      OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
) AS s;

-- ## score rows caps · bigquery
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  COALESCE(`p0`.`n1`, 0) AS `d1_0`,
  COALESCE(`p1`.`n2`, 0) AS `d2_0`,
  CASE WHEN COALESCE(`p2`.`n3`, 0) > 0 THEN 1 ELSE 0 END AS `d3_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/products/')
        )
        THEN 1
      END
    ) AS `n0`,
    COUNT(
      CASE WHEN (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/faq')
      ) THEN 1 END
    ) AS `n1`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/products/')
      )
      OR (
        STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/faq')
      )
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(CASE WHEN (
      COALESCE(e.`kind__lower`, e.`kind`) = 'open'
    ) THEN 1 END) AS `n2`
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
) AS p1
  ON `p1`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(1) AS `n3`
  FROM `application` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
  GROUP BY
    e.`lead_id`
) AS p2
  ON `p2`.`lead_id` = l.`id`
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  );
-- kinds: per, per, per, once

-- ## scoring caps · snowflake
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > 30 THEN 30 ELSE "s"."raw_0" END AS "products",
  CASE WHEN "s"."raw_1" < -5 THEN -5 ELSE "s"."raw_1" END AS "faq",
  CASE
    WHEN CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END < 0
    THEN 0
    ELSE CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END
  END AS "both",
  CASE WHEN "s"."raw_3" > 20 THEN 20 ELSE "s"."raw_3" END AS "capped_once",
  (
    CASE WHEN "s"."raw_0" > 30 THEN 30 ELSE "s"."raw_0" END
  ) + (
    CASE WHEN "s"."raw_1" < -5 THEN -5 ELSE "s"."raw_1" END
  ) + (
    CASE
      WHEN CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END < 0
      THEN 0
      ELSE CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END
    END
  ) + (
    CASE WHEN "s"."raw_3" > 20 THEN 20 ELSE "s"."raw_3" END
  ) AS "total"
FROM (
  SELECT
    l."id",
    3 * COALESCE("p0"."n0", 0) AS "raw_0",
    -1 * COALESCE("p0"."n1", 0) AS "raw_1",
    CAST(0.5 AS DOUBLE) * COALESCE("p1"."n2", 0) AS "raw_2",
    CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 50 ELSE 0 END AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(
        CASE
          WHEN (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/products/')
          )
          THEN 1
        END
      ) AS "n0",
      COUNT(
        CASE WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/faq')
        ) THEN 1 END
      ) AS "n1"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/products/')
        )
        OR (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/faq')
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."kind__lower", e."kind") = 'open'
      ) THEN 1 END) AS "n2"
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
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n3"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
) AS s;

-- ## score rows caps · snowflake
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p0"."n1", 0) AS "d1_0",
  COALESCE("p1"."n2", 0) AS "d2_0",
  CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 1 ELSE 0 END AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(
      CASE
        WHEN (
          STARTSWITH(COALESCE(e."path__lower", e."path"), '/products/')
        )
        THEN 1
      END
    ) AS "n0",
    COUNT(
      CASE WHEN (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/faq')
      ) THEN 1 END
    ) AS "n1"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/products/')
      )
      OR (
        STARTSWITH(COALESCE(e."path__lower", e."path"), '/faq')
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."kind__lower", e."kind") = 'open'
    ) THEN 1 END) AS "n2"
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
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n3"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  );
-- kinds: per, per, per, once

-- ## scoring caps · trino
SELECT
  "s"."id",
  CASE WHEN "s"."raw_0" > 30 THEN 30 ELSE "s"."raw_0" END AS "products",
  CASE WHEN "s"."raw_1" < -5 THEN -5 ELSE "s"."raw_1" END AS "faq",
  CASE
    WHEN CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END < 0
    THEN 0
    ELSE CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END
  END AS "both",
  CASE WHEN "s"."raw_3" > 20 THEN 20 ELSE "s"."raw_3" END AS "capped_once",
  (
    CASE WHEN "s"."raw_0" > 30 THEN 30 ELSE "s"."raw_0" END
  ) + (
    CASE WHEN "s"."raw_1" < -5 THEN -5 ELSE "s"."raw_1" END
  ) + (
    CASE
      WHEN CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END < 0
      THEN 0
      ELSE CASE WHEN "s"."raw_2" > 10 THEN 10 ELSE "s"."raw_2" END
    END
  ) + (
    CASE WHEN "s"."raw_3" > 20 THEN 20 ELSE "s"."raw_3" END
  ) AS "total"
FROM (
  SELECT
    l."id",
    3 * COALESCE("p0"."n0", 0) AS "raw_0",
    -1 * COALESCE("p0"."n1", 0) AS "raw_1",
    CAST(0.5 AS DOUBLE) * COALESCE("p1"."n2", 0) AS "raw_2",
    CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 50 ELSE 0 END AS "raw_3"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(
        CASE
          WHEN (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/products/')
          )
          THEN 1
        END
      ) AS "n0",
      COUNT(
        CASE WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/faq')
        ) THEN 1 END
      ) AS "n1"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
      AND (
        (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/products/')
        )
        OR (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/faq')
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."kind__lower", e."kind") = 'open'
      ) THEN 1 END) AS "n2"
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
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n3"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
) AS s;

-- ## score rows caps · trino
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p0"."n1", 0) AS "d1_0",
  COALESCE("p1"."n2", 0) AS "d2_0",
  CASE WHEN COALESCE("p2"."n3", 0) > 0 THEN 1 ELSE 0 END AS "d3_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(
      CASE
        WHEN (
          STARTS_WITH(COALESCE(e."path__lower", e."path"), '/products/')
        )
        THEN 1
      END
    ) AS "n0",
    COUNT(
      CASE WHEN (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/faq')
      ) THEN 1 END
    ) AS "n1"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
    AND (
      (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/products/')
      )
      OR (
        STARTS_WITH(COALESCE(e."path__lower", e."path"), '/faq')
      )
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."kind__lower", e."kind") = 'open'
    ) THEN 1 END) AS "n2"
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
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n3"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  );
-- kinds: per, per, per, once
