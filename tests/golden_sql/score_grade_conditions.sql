-- Golden SQL of the `score_grade_conditions` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   scoring points {
--     tracking { path starts with "/pricing" } => +10 per event
--     lead { is_competitor } => -100
--   }
--   grading fit {
--     industry = "software" => +1
--   }
--   segment hot { match score points >= 30 and grade fit >= B }
--   segment cold { match score points < 0 or grade fit <= D- or not (grade fit = A+) }

-- ## segment hot · sqlite
WITH grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      :p1 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = :p3
        )
        THEN :p2
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p4
      )
  ) AS g
), score_0 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      :p5 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN :p8 ELSE 0 END AS "raw_1"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(
          CASE
            WHEN (
              SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
            )
            THEN 1
          END
        ) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= :p4
        )
        AND (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p4
      )
  ) AS s
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p4
  )
  AND (
    (
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" >= :p9
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" >= :p7
      )
    )
  );
-- p1 = 2
-- p2 = 3
-- p3 = 'software'
-- p4 = 1774958400000000
-- p5 = 10
-- p6 = '/pricing'
-- p7 = 8
-- p8 = -100
-- p9 = 30

-- ## segment hot · postgres
WITH grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      %(p1)s + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = %(p3)s
        )
        THEN %(p2)s
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p4)s
      )
  ) AS g
), score_0 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      %(p5)s * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN %(p9)s ELSE 0 END AS "raw_1"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p8)s
        ) THEN 1 END) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p4)s
        )
        AND (
          COALESCE(e."path__lower", e."path") LIKE %(p8)s
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p4)s
      )
  ) AS s
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p4)s
  )
  AND (
    (
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" >= %(p10)s
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" >= %(p7)s
      )
    )
  );
-- p1 = 2
-- p2 = 3
-- p3 = 'software'
-- p4 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 10
-- p7 = 8
-- p8 = '/pricing%'
-- p9 = -100
-- p10 = 30

-- ## segment hot · duckdb
WITH grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      $p1 + CASE
        WHEN (
          COALESCE(l."industry__lower", LOWER(l."industry")) = $p3
        )
        THEN $p2
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p4
      )
  ) AS g
), score_0 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      $p5 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN $p8 ELSE 0 END AS "raw_1"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(
          CASE
            WHEN (
              STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
            )
            THEN 1
          END
        ) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p4
        )
        AND (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p4
      )
  ) AS s
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p4
  )
  AND (
    (
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" >= $p9
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" >= $p7
      )
    )
  );
-- p1 = 2
-- p2 = 3
-- p3 = 'software'
-- p4 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 10
-- p6 = '/pricing'
-- p7 = 8
-- p8 = -100
-- p9 = 30

-- ## segment hot · spark
WITH grade_0 AS (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
        WHEN (
          COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
        )
        THEN 3
        ELSE 0
      END AS `raw`
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
  ) AS g
), score_0 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN (
        l.`is_competitor` = TRUE
      ) THEN -100 ELSE 0 END AS `raw_1`
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
  ) AS s
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
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            `id`
          FROM score_0
          WHERE
            (
              `total` >= 30
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
            `id`
          FROM grade_0
          WHERE
            `grade_index` >= 8
        ) AS lr_probe_2(lr_k)
        WHERE
          lr_probe_2.lr_k = l.`id`
      )
    )
  );

-- ## segment hot · bigquery
WITH grade_0 AS (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
        WHEN (
          COALESCE(l.`industry__lower`, l.`industry`) = 'software'
        )
        THEN 3
        ELSE 0
      END AS `raw`
    FROM `lead` AS l
    WHERE
      (
        l.`created_at` IS NULL
        OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
  ) AS g
), score_0 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN (
        l.`is_competitor` = TRUE
      ) THEN -100 ELSE 0 END AS `raw_1`
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
  ) AS s
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
      l.`id` IN (
        SELECT
          `id`
        FROM score_0
        WHERE
          (
            `total` >= 30
          )
      )
    )
    AND (
      l.`id` IN (
        SELECT
          `id`
        FROM grade_0
        WHERE
          `grade_index` >= 8
      )
    )
  );

-- ## segment hot · snowflake
WITH grade_0 AS (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = 'software'
        )
        THEN 3
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
  ) AS g
), score_0 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN -100 ELSE 0 END AS "raw_1"
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
  ) AS s
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
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" >= 30
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" >= 8
      )
    )
  );

-- ## segment hot · trino
WITH grade_0 AS (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = 'software'
        )
        THEN 3
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
  ) AS g
), score_0 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN -100 ELSE 0 END AS "raw_1"
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
  ) AS s
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
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" >= 30
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" >= 8
      )
    )
  );

-- ## segment cold · sqlite
WITH grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      :p1 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = :p3
        )
        THEN :p2
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p4
      )
  ) AS g
), score_0 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      :p5 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN :p8 ELSE 0 END AS "raw_1"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(
          CASE
            WHEN (
              SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
            )
            THEN 1
          END
        ) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= :p4
        )
        AND (
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p7) = :p6
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p4
      )
  ) AS s
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p4
  )
  AND (
    (
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" < :p9
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" <= :p10
      )
    )
    OR (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" = :p11
        )
      )
    )
  );
-- p1 = 2
-- p2 = 3
-- p3 = 'software'
-- p4 = 1774958400000000
-- p5 = 10
-- p6 = '/pricing'
-- p7 = 8
-- p8 = -100
-- p9 = 0
-- p10 = 1
-- p11 = 12

-- ## segment cold · postgres
WITH grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      %(p1)s + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = %(p3)s
        )
        THEN %(p2)s
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p4)s
      )
  ) AS g
), score_0 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      %(p5)s * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN %(p9)s ELSE 0 END AS "raw_1"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."path__lower", e."path") LIKE %(p8)s
        ) THEN 1 END) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p4)s
        )
        AND (
          COALESCE(e."path__lower", e."path") LIKE %(p8)s
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p4)s
      )
  ) AS s
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p4)s
  )
  AND (
    (
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" < %(p10)s
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" <= %(p11)s
      )
    )
    OR (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" = %(p12)s
        )
      )
    )
  );
-- p1 = 2
-- p2 = 3
-- p3 = 'software'
-- p4 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 10
-- p8 = '/pricing%'
-- p9 = -100
-- p10 = 0
-- p11 = 1
-- p12 = 12

-- ## segment cold · duckdb
WITH grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      $p1 + CASE
        WHEN (
          COALESCE(l."industry__lower", LOWER(l."industry")) = $p3
        )
        THEN $p2
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p4
      )
  ) AS g
), score_0 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      $p5 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN $p8 ELSE 0 END AS "raw_1"
    FROM "lead" AS l
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(
          CASE
            WHEN (
              STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
            )
            THEN 1
          END
        ) AS "n0"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p4
        )
        AND (
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p6)
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p4
      )
  ) AS s
)
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p4
  )
  AND (
    (
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" < $p9
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" <= $p10
      )
    )
    OR (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" = $p11
        )
      )
    )
  );
-- p1 = 2
-- p2 = 3
-- p3 = 'software'
-- p4 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p5 = 10
-- p6 = '/pricing'
-- p8 = -100
-- p9 = 0
-- p10 = 1
-- p11 = 12

-- ## segment cold · spark
WITH grade_0 AS (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
        WHEN (
          COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
        )
        THEN 3
        ELSE 0
      END AS `raw`
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
  ) AS g
), score_0 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN (
        l.`is_competitor` = TRUE
      ) THEN -100 ELSE 0 END AS `raw_1`
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
  ) AS s
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
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            `id`
          FROM score_0
          WHERE
            (
              `total` < 0
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
    )
    OR (
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            `id`
          FROM grade_0
          WHERE
            `grade_index` <= 1
        ) AS lr_probe_2(lr_k)
        WHERE
          lr_probe_2.lr_k = l.`id`
      )
    )
    OR (
      NOT (
        EXISTS(
          SELECT
            1
          FROM (
            SELECT
              `id`
            FROM grade_0
            WHERE
              `grade_index` = 12
          ) AS lr_probe_3(lr_k)
          WHERE
            lr_probe_3.lr_k = l.`id`
        )
      )
    )
  );

-- ## segment cold · bigquery
WITH grade_0 AS (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
        WHEN (
          COALESCE(l.`industry__lower`, l.`industry`) = 'software'
        )
        THEN 3
        ELSE 0
      END AS `raw`
    FROM `lead` AS l
    WHERE
      (
        l.`created_at` IS NULL
        OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
  ) AS g
), score_0 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN (
        l.`is_competitor` = TRUE
      ) THEN -100 ELSE 0 END AS `raw_1`
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
  ) AS s
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
      l.`id` IN (
        SELECT
          `id`
        FROM score_0
        WHERE
          (
            `total` < 0
          )
      )
    )
    OR (
      l.`id` IN (
        SELECT
          `id`
        FROM grade_0
        WHERE
          `grade_index` <= 1
      )
    )
    OR (
      NOT (
        l.`id` IN (
          SELECT
            `id`
          FROM grade_0
          WHERE
            `grade_index` = 12
        )
      )
    )
  );

-- ## segment cold · snowflake
WITH grade_0 AS (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = 'software'
        )
        THEN 3
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
  ) AS g
), score_0 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN -100 ELSE 0 END AS "raw_1"
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
  ) AS s
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
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" < 0
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" <= 1
      )
    )
    OR (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" = 12
        )
      )
    )
  );

-- ## segment cold · trino
WITH grade_0 AS (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = 'software'
        )
        THEN 3
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
  ) AS g
), score_0 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN -100 ELSE 0 END AS "raw_1"
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
  ) AS s
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
      l."id" IN (
        SELECT
          "id"
        FROM score_0
        WHERE
          (
            "total" < 0
          )
      )
    )
    OR (
      l."id" IN (
        SELECT
          "id"
        FROM grade_0
        WHERE
          "grade_index" <= 1
      )
    )
    OR (
      NOT (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" = 12
        )
      )
    )
  );
