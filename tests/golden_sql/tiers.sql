-- Golden SQL of the `tiers` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   scoring engagement {
--     tracking { path starts with "/pricing" } => +10 per event
--     application { form = "contact" } => +50 once
--   }
--   grading fit {
--     start D
--     industry = "software" => +1
--   }
--   tiers follow_up using engagement, fit {
--     exclude: is_competitor or email not exists or unsubscribed
--     hot:  score >= 100 and grade >= B
--     warm: score >= 30 or grade >= A-
--     cold: otherwise
--   }
--   tiers simple using engagement {
--     top: score > 50
--     rest: tracking exists
--   }

-- ## tiers follow_up · sqlite
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      :p1 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN :p4 ELSE 0 END AS "raw_1"
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
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = :p5
        ) THEN 1 END) AS "n1"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= :p6
        ) AND (
          COALESCE(e."form__lower", e."form") = :p5
        )
      GROUP BY
        e."lead_id"
    ) AS p1
      ON "p1"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p6
      )
  ) AS s
), grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      :p7 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = :p9
        )
        THEN :p8
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p6
      )
  ) AS g
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 3 THEN :p12 WHEN 4 THEN :p13 WHEN 5 THEN :p14 END AS "tier",
  CASE "s"."choice" WHEN 0 THEN :p15 WHEN 1 THEN :p16 WHEN 2 THEN :p17 END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      THEN 0
      WHEN l."email" IS NULL
      THEN 1
      WHEN (
        l."unsubscribed" = TRUE
      )
      THEN 2
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= :p10
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= :p3
        )
      )
      THEN 3
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= :p11
            )
        )
      )
      OR (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= :p1
        )
      )
      THEN 4
      ELSE 5
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p6
    )
) AS s;
-- p1 = 10
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 50
-- p5 = 'contact'
-- p6 = 1774958400000000
-- p7 = 2
-- p8 = 3
-- p9 = 'software'
-- p10 = 100
-- p11 = 30
-- p12 = 'hot'
-- p13 = 'warm'
-- p14 = 'cold'
-- p15 = 'is_competitor'
-- p16 = 'email not exists'
-- p17 = 'unsubscribed'

-- ## tiers follow_up · postgres
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      %(p1)s * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN %(p5)s ELSE 0 END AS "raw_1"
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
          COALESCE(e."path__lower", e."path") LIKE %(p4)s
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = %(p6)s
        ) THEN 1 END) AS "n1"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p7)s
        )
        AND (
          COALESCE(e."form__lower", e."form") = %(p6)s
        )
      GROUP BY
        e."lead_id"
    ) AS p1
      ON "p1"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p7)s
      )
  ) AS s
), grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      %(p8)s + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") = %(p10)s
        )
        THEN %(p9)s
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p7)s
      )
  ) AS g
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 3 THEN %(p13)s WHEN 4 THEN %(p14)s WHEN 5 THEN %(p15)s END AS "tier",
  CASE "s"."choice" WHEN 0 THEN %(p16)s WHEN 1 THEN %(p17)s WHEN 2 THEN %(p18)s END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      THEN 0
      WHEN l."email" IS NULL
      THEN 1
      WHEN (
        l."unsubscribed" = TRUE
      )
      THEN 2
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= %(p11)s
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= %(p3)s
        )
      )
      THEN 3
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= %(p12)s
            )
        )
      )
      OR (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= %(p1)s
        )
      )
      THEN 4
      ELSE 5
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p7)s
    )
) AS s;
-- p1 = 10
-- p3 = 8
-- p4 = '/pricing%'
-- p5 = 50
-- p6 = 'contact'
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p8 = 2
-- p9 = 3
-- p10 = 'software'
-- p11 = 100
-- p12 = 30
-- p13 = 'hot'
-- p14 = 'warm'
-- p15 = 'cold'
-- p16 = 'is_competitor'
-- p17 = 'email not exists'
-- p18 = 'unsubscribed'

-- ## tiers follow_up · duckdb
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      $p1 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN $p4 ELSE 0 END AS "raw_1"
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
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", LOWER(e."form")) = $p5
        ) THEN 1 END) AS "n1"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p6
        )
        AND (
          COALESCE(e."form__lower", LOWER(e."form")) = $p5
        )
      GROUP BY
        e."lead_id"
    ) AS p1
      ON "p1"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p6
      )
  ) AS s
), grade_0 AS MATERIALIZED (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      $p7 + CASE
        WHEN (
          COALESCE(l."industry__lower", LOWER(l."industry")) = $p9
        )
        THEN $p8
        ELSE 0
      END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p6
      )
  ) AS g
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 3 THEN $p12 WHEN 4 THEN $p13 WHEN 5 THEN $p14 END AS "tier",
  CASE "s"."choice" WHEN 0 THEN $p15 WHEN 1 THEN $p16 WHEN 2 THEN $p17 END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      THEN 0
      WHEN l."email" IS NULL
      THEN 1
      WHEN (
        l."unsubscribed" = TRUE
      )
      THEN 2
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= $p10
            )
        )
      )
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= $p3
        )
      )
      THEN 3
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= $p11
            )
        )
      )
      OR (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= $p1
        )
      )
      THEN 4
      ELSE 5
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p6
    )
) AS s;
-- p1 = 10
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 50
-- p5 = 'contact'
-- p6 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = 2
-- p8 = 3
-- p9 = 'software'
-- p10 = 100
-- p11 = 30
-- p12 = 'hot'
-- p13 = 'warm'
-- p14 = 'cold'
-- p15 = 'is_competitor'
-- p16 = 'email not exists'
-- p17 = 'unsubscribed'

-- ## tiers follow_up · spark
WITH score_1 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN COALESCE(`p1`.`n1`, 0) > 0 THEN 50 ELSE 0 END AS `raw_1`
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
    LEFT JOIN (
      SELECT
        e.`lead_id`,
        COUNT(
          CASE WHEN (
            COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
          ) THEN 1 END
        ) AS `n1`
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
  ) AS s
), grade_0 AS (
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
)
SELECT
  `s`.`id`,
  CASE `s`.`choice` WHEN 3 THEN 'hot' WHEN 4 THEN 'warm' WHEN 5 THEN 'cold' END AS `tier`,
  CASE `s`.`choice`
    WHEN 0
    THEN 'is_competitor'
    WHEN 1
    THEN 'email not exists'
    WHEN 2
    THEN 'unsubscribed'
  END AS `reason`
FROM (
  SELECT
    l.`id`,
    CASE
      WHEN (
        l.`is_competitor` = TRUE
      )
      THEN 0
      WHEN l.`email` IS NULL
      THEN 1
      WHEN (
        l.`unsubscribed` = TRUE
      )
      THEN 2
      WHEN (
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
      THEN 3
      WHEN (
        EXISTS(
          SELECT
            1
          FROM (
            SELECT
              `id`
            FROM score_1
            WHERE
              (
                `total` >= 30
              )
          ) AS lr_probe_3(lr_k)
          WHERE
            lr_probe_3.lr_k = l.`id`
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
              `grade_index` >= 10
          ) AS lr_probe_4(lr_k)
          WHERE
            lr_probe_4.lr_k = l.`id`
        )
      )
      THEN 4
      ELSE 5
    END AS `choice`
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
) AS s;

-- ## tiers follow_up · bigquery
WITH score_1 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN COALESCE(`p1`.`n1`, 0) > 0 THEN 50 ELSE 0 END AS `raw_1`
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
    LEFT JOIN (
      SELECT
        e.`lead_id`,
        COUNT(CASE WHEN (
          COALESCE(e.`form__lower`, e.`form`) = 'contact'
        ) THEN 1 END) AS `n1`
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
  ) AS s
), grade_0 AS (
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
)
SELECT
  `s`.`id`,
  CASE `s`.`choice` WHEN 3 THEN 'hot' WHEN 4 THEN 'warm' WHEN 5 THEN 'cold' END AS `tier`,
  CASE `s`.`choice`
    WHEN 0
    THEN 'is_competitor'
    WHEN 1
    THEN 'email not exists'
    WHEN 2
    THEN 'unsubscribed'
  END AS `reason`
FROM (
  SELECT
    l.`id`,
    CASE
      WHEN (
        l.`is_competitor` = TRUE
      )
      THEN 0
      WHEN l.`email` IS NULL
      THEN 1
      WHEN (
        l.`unsubscribed` = TRUE
      )
      THEN 2
      WHEN (
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
      AND (
        l.`id` IN (
          SELECT
            `id`
          FROM grade_0
          WHERE
            `grade_index` >= 8
        )
      )
      THEN 3
      WHEN (
        l.`id` IN (
          SELECT
            `id`
          FROM score_1
          WHERE
            (
              `total` >= 30
            )
        )
      )
      OR (
        l.`id` IN (
          SELECT
            `id`
          FROM grade_0
          WHERE
            `grade_index` >= 10
        )
      )
      THEN 4
      ELSE 5
    END AS `choice`
  FROM `lead` AS l
  WHERE
    (
      l.`created_at` IS NULL
      OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
) AS s;

-- ## tiers follow_up · snowflake
WITH score_1 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN 50 ELSE 0 END AS "raw_1"
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
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        ) THEN 1 END) AS "n1"
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
  ) AS s
), grade_0 AS (
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
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 3 THEN 'hot' WHEN 4 THEN 'warm' WHEN 5 THEN 'cold' END AS "tier",
  CASE "s"."choice"
    WHEN 0
    THEN 'is_competitor'
    WHEN 1
    THEN 'email not exists'
    WHEN 2
    THEN 'unsubscribed'
  END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      THEN 0
      WHEN l."email" IS NULL
      THEN 1
      WHEN (
        l."unsubscribed" = TRUE
      )
      THEN 2
      WHEN (
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
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= 8
        )
      )
      THEN 3
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= 30
            )
        )
      )
      OR (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= 10
        )
      )
      THEN 4
      ELSE 5
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
) AS s;

-- ## tiers follow_up · trino
WITH score_1 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN 50 ELSE 0 END AS "raw_1"
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
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        ) THEN 1 END) AS "n1"
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
  ) AS s
), grade_0 AS (
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
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 3 THEN 'hot' WHEN 4 THEN 'warm' WHEN 5 THEN 'cold' END AS "tier",
  CASE "s"."choice"
    WHEN 0
    THEN 'is_competitor'
    WHEN 1
    THEN 'email not exists'
    WHEN 2
    THEN 'unsubscribed'
  END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      THEN 0
      WHEN l."email" IS NULL
      THEN 1
      WHEN (
        l."unsubscribed" = TRUE
      )
      THEN 2
      WHEN (
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
      AND (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= 8
        )
      )
      THEN 3
      WHEN (
        l."id" IN (
          SELECT
            "id"
          FROM score_1
          WHERE
            (
              "total" >= 30
            )
        )
      )
      OR (
        l."id" IN (
          SELECT
            "id"
          FROM grade_0
          WHERE
            "grade_index" >= 10
        )
      )
      THEN 4
      ELSE 5
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
) AS s;

-- ## tiers simple · sqlite
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      :p1 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN :p4 ELSE 0 END AS "raw_1"
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
          SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = :p5
        ) THEN 1 END) AS "n1"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= :p6
        ) AND (
          COALESCE(e."form__lower", e."form") = :p5
        )
      GROUP BY
        e."lead_id"
    ) AS p1
      ON "p1"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p6
      )
  ) AS s
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 0 THEN :p7 WHEN 1 THEN :p8 END AS "tier",
  CASE "s"."choice" WHEN 2 THEN :p9 END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" > :p4
          )
      )
      THEN 0
      WHEN EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          ) AND (
            e."occurred_at" <= :p6
          )
      )
      THEN 1
      ELSE 2
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p6
    )
) AS s;
-- p1 = 10
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 50
-- p5 = 'contact'
-- p6 = 1774958400000000
-- p7 = 'top'
-- p8 = 'rest'
-- p9 = 'no tier matched'

-- ## tiers simple · postgres
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      %(p1)s * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN %(p5)s ELSE 0 END AS "raw_1"
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
          COALESCE(e."path__lower", e."path") LIKE %(p4)s
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = %(p6)s
        ) THEN 1 END) AS "n1"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p7)s
        )
        AND (
          COALESCE(e."form__lower", e."form") = %(p6)s
        )
      GROUP BY
        e."lead_id"
    ) AS p1
      ON "p1"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p7)s
      )
  ) AS s
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 0 THEN %(p8)s WHEN 1 THEN %(p9)s END AS "tier",
  CASE "s"."choice" WHEN 2 THEN %(p10)s END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" > %(p5)s
          )
      )
      THEN 0
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p7)s
          )
      )
      THEN 1
      ELSE 2
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p7)s
    )
) AS s;
-- p1 = 10
-- p4 = '/pricing%'
-- p5 = 50
-- p6 = 'contact'
-- p7 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p8 = 'top'
-- p9 = 'rest'
-- p10 = 'no tier matched'

-- ## tiers simple · duckdb
WITH score_1 AS MATERIALIZED (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      $p1 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN $p4 ELSE 0 END AS "raw_1"
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
          STARTS_WITH(COALESCE(e."path__lower", LOWER(e."path")), $p2)
        )
      GROUP BY
        e."lead_id"
    ) AS p0
      ON "p0"."lead_id" = l."id"
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", LOWER(e."form")) = $p5
        ) THEN 1 END) AS "n1"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p6
        )
        AND (
          COALESCE(e."form__lower", LOWER(e."form")) = $p5
        )
      GROUP BY
        e."lead_id"
    ) AS p1
      ON "p1"."lead_id" = l."id"
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p6
      )
  ) AS s
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 0 THEN $p7 WHEN 1 THEN $p8 END AS "tier",
  CASE "s"."choice" WHEN 2 THEN $p9 END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" > $p4
          )
      )
      THEN 0
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p6
          )
      )
      THEN 1
      ELSE 2
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p6
    )
) AS s;
-- p1 = 10
-- p2 = '/pricing'
-- p4 = 50
-- p5 = 'contact'
-- p6 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p7 = 'top'
-- p8 = 'rest'
-- p9 = 'no tier matched'

-- ## tiers simple · spark
WITH score_1 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN COALESCE(`p1`.`n1`, 0) > 0 THEN 50 ELSE 0 END AS `raw_1`
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
    LEFT JOIN (
      SELECT
        e.`lead_id`,
        COUNT(
          CASE WHEN (
            COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
          ) THEN 1 END
        ) AS `n1`
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
  ) AS s
)
SELECT
  `s`.`id`,
  CASE `s`.`choice` WHEN 0 THEN 'top' WHEN 1 THEN 'rest' END AS `tier`,
  CASE `s`.`choice` WHEN 2 THEN 'no tier matched' END AS `reason`
FROM (
  SELECT
    l.`id`,
    CASE
      WHEN EXISTS(
        SELECT
          1
        FROM (
          SELECT
            `id`
          FROM score_1
          WHERE
            (
              `total` > 50
            )
        ) AS lr_probe_1(lr_k)
        WHERE
          lr_probe_1.lr_k = l.`id`
      )
      THEN 0
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
      THEN 1
      ELSE 2
    END AS `choice`
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
) AS s;

-- ## tiers simple · bigquery
WITH score_1 AS (
  SELECT
    `s`.`id`,
    `s`.`raw_0` AS `rule 1`,
    `s`.`raw_1` AS `rule 2`,
    `s`.`raw_0` + `s`.`raw_1` AS `total`
  FROM (
    SELECT
      l.`id`,
      10 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
      CASE WHEN COALESCE(`p1`.`n1`, 0) > 0 THEN 50 ELSE 0 END AS `raw_1`
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
    LEFT JOIN (
      SELECT
        e.`lead_id`,
        COUNT(CASE WHEN (
          COALESCE(e.`form__lower`, e.`form`) = 'contact'
        ) THEN 1 END) AS `n1`
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
  ) AS s
)
SELECT
  `s`.`id`,
  CASE `s`.`choice` WHEN 0 THEN 'top' WHEN 1 THEN 'rest' END AS `tier`,
  CASE `s`.`choice` WHEN 2 THEN 'no tier matched' END AS `reason`
FROM (
  SELECT
    l.`id`,
    CASE
      WHEN l.`id` IN (
        SELECT
          `id`
        FROM score_1
        WHERE
          (
            `total` > 50
          )
      )
      THEN 0
      WHEN l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `tracking` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
      )
      THEN 1
      ELSE 2
    END AS `choice`
  FROM `lead` AS l
  WHERE
    (
      l.`created_at` IS NULL
      OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
) AS s;

-- ## tiers simple · snowflake
WITH score_1 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN 50 ELSE 0 END AS "raw_1"
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
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        ) THEN 1 END) AS "n1"
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
  ) AS s
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 0 THEN 'top' WHEN 1 THEN 'rest' END AS "tier",
  CASE "s"."choice" WHEN 2 THEN 'no tier matched' END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" > 50
          )
      )
      THEN 0
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
      )
      THEN 1
      ELSE 2
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
) AS s;

-- ## tiers simple · trino
WITH score_1 AS (
  SELECT
    "s"."id",
    "s"."raw_0" AS "rule 1",
    "s"."raw_1" AS "rule 2",
    "s"."raw_0" + "s"."raw_1" AS "total"
  FROM (
    SELECT
      l."id",
      10 * COALESCE("p0"."n0", 0) AS "raw_0",
      CASE WHEN COALESCE("p1"."n1", 0) > 0 THEN 50 ELSE 0 END AS "raw_1"
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
    LEFT JOIN (
      SELECT
        e."lead_id",
        COUNT(CASE WHEN (
          COALESCE(e."form__lower", e."form") = 'contact'
        ) THEN 1 END) AS "n1"
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
  ) AS s
)
SELECT
  "s"."id",
  CASE "s"."choice" WHEN 0 THEN 'top' WHEN 1 THEN 'rest' END AS "tier",
  CASE "s"."choice" WHEN 2 THEN 'no tier matched' END AS "reason"
FROM (
  SELECT
    l."id",
    CASE
      WHEN l."id" IN (
        SELECT
          "id"
        FROM score_1
        WHERE
          (
            "total" > 50
          )
      )
      THEN 0
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
      )
      THEN 1
      ELSE 2
    END AS "choice"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
    )
) AS s;
