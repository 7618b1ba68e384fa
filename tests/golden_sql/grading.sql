-- Golden SQL of the `grading` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   grading fit "Ideal customer profile" {
--     start D
--     industry in ("manufacturing", "software") => +1
--     employees >= 100 => +2/3
--     title contains "manager" or title contains "部長" => +2/3
--     department = "marketing" => +1/3
--     is_competitor => -2
--   }
--   grading plain {
--     tracking count >= 10 => +1
--     segment big => -1/3
--   }
--   segment big { 1: lead { employees > 1000 } }

-- ## grading fit · sqlite
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN :p12
    WHEN 1
    THEN :p13
    WHEN 2
    THEN :p14
    WHEN 3
    THEN :p15
    WHEN 4
    THEN :p16
    WHEN 5
    THEN :p17
    WHEN 6
    THEN :p18
    WHEN 7
    THEN :p19
    WHEN 8
    THEN :p20
    WHEN 9
    THEN :p21
    WHEN 10
    THEN :p22
    WHEN 11
    THEN :p23
    WHEN 12
    THEN :p24
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      :p1 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") IN (:p3, :p4)
        )
        THEN :p2
        ELSE 0
      END + CASE WHEN (
        l."employees" >= :p5
      ) THEN :p1 ELSE 0 END + CASE
        WHEN (
          INSTR(COALESCE(l."title__lower", l."title"), :p6) > 0
        )
        OR (
          INSTR(COALESCE(l."title__lower", l."title"), :p7) > 0
        )
        THEN :p1
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l."department__lower", l."department") = :p9
        )
        THEN :p8
        ELSE 0
      END + CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN :p10 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p11
      )
  ) AS g
) AS s;
-- p1 = 2
-- p2 = 3
-- p3 = 'manufacturing'
-- p4 = 'software'
-- p5 = 100
-- p6 = 'manager'
-- p7 = '部長'
-- p8 = 1
-- p9 = 'marketing'
-- p10 = -6
-- p11 = 1774958400000000
-- p12 = 'F'
-- p13 = 'D-'
-- p14 = 'D'
-- p15 = 'D+'
-- p16 = 'C-'
-- p17 = 'C'
-- p18 = 'C+'
-- p19 = 'B-'
-- p20 = 'B'
-- p21 = 'B+'
-- p22 = 'A-'
-- p23 = 'A'
-- p24 = 'A+'

-- ## grading fit · postgres
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN %(p12)s
    WHEN 1
    THEN %(p13)s
    WHEN 2
    THEN %(p14)s
    WHEN 3
    THEN %(p15)s
    WHEN 4
    THEN %(p16)s
    WHEN 5
    THEN %(p17)s
    WHEN 6
    THEN %(p18)s
    WHEN 7
    THEN %(p19)s
    WHEN 8
    THEN %(p20)s
    WHEN 9
    THEN %(p21)s
    WHEN 10
    THEN %(p22)s
    WHEN 11
    THEN %(p23)s
    WHEN 12
    THEN %(p24)s
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      %(p1)s + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") IN (%(p3)s, %(p4)s)
        )
        THEN %(p2)s
        ELSE 0
      END + CASE WHEN (
        l."employees" >= %(p5)s
      ) THEN %(p1)s ELSE 0 END + CASE
        WHEN (
          POSITION(%(p6)s IN COALESCE(l."title__lower", l."title")) > 0
        )
        OR (
          POSITION(%(p7)s IN COALESCE(l."title__lower", l."title")) > 0
        )
        THEN %(p1)s
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l."department__lower", l."department") = %(p9)s
        )
        THEN %(p8)s
        ELSE 0
      END + CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN %(p10)s ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p11)s
      )
  ) AS g
) AS s;
-- p1 = 2
-- p2 = 3
-- p3 = 'manufacturing'
-- p4 = 'software'
-- p5 = 100
-- p6 = 'manager'
-- p7 = '部長'
-- p8 = 1
-- p9 = 'marketing'
-- p10 = -6
-- p11 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p12 = 'F'
-- p13 = 'D-'
-- p14 = 'D'
-- p15 = 'D+'
-- p16 = 'C-'
-- p17 = 'C'
-- p18 = 'C+'
-- p19 = 'B-'
-- p20 = 'B'
-- p21 = 'B+'
-- p22 = 'A-'
-- p23 = 'A'
-- p24 = 'A+'

-- ## grading fit · duckdb
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN $p12
    WHEN 1
    THEN $p13
    WHEN 2
    THEN $p14
    WHEN 3
    THEN $p15
    WHEN 4
    THEN $p16
    WHEN 5
    THEN $p17
    WHEN 6
    THEN $p18
    WHEN 7
    THEN $p19
    WHEN 8
    THEN $p20
    WHEN 9
    THEN $p21
    WHEN 10
    THEN $p22
    WHEN 11
    THEN $p23
    WHEN 12
    THEN $p24
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      $p1 + CASE
        WHEN (
          COALESCE(l."industry__lower", LOWER(l."industry")) IN ($p3, $p4)
        )
        THEN $p2
        ELSE 0
      END + CASE WHEN (
        l."employees" >= $p5
      ) THEN $p1 ELSE 0 END + CASE
        WHEN (
          STRPOS(COALESCE(l."title__lower", LOWER(l."title")), $p6) > 0
        )
        OR (
          STRPOS(COALESCE(l."title__lower", LOWER(l."title")), $p7) > 0
        )
        THEN $p1
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l."department__lower", LOWER(l."department")) = $p9
        )
        THEN $p8
        ELSE 0
      END + CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN $p10 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p11
      )
  ) AS g
) AS s;
-- p1 = 2
-- p2 = 3
-- p3 = 'manufacturing'
-- p4 = 'software'
-- p5 = 100
-- p6 = 'manager'
-- p7 = '部長'
-- p8 = 1
-- p9 = 'marketing'
-- p10 = -6
-- p11 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p12 = 'F'
-- p13 = 'D-'
-- p14 = 'D'
-- p15 = 'D+'
-- p16 = 'C-'
-- p17 = 'C'
-- p18 = 'C+'
-- p19 = 'B-'
-- p20 = 'B'
-- p21 = 'B+'
-- p22 = 'A-'
-- p23 = 'A'
-- p24 = 'A+'

-- ## grading fit · spark
SELECT
  `s`.`id`,
  `s`.`grade_index`,
  CASE `s`.`grade_index`
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS `grade`
FROM (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
        WHEN (
          COALESCE(l.`industry__lower`, l.`industry`) IN (LOWER('manufacturing'), LOWER('software'))
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l.`employees` >= 100
      ) THEN 2 ELSE 0 END + CASE
        WHEN (
          LOCATE(LOWER('manager'), COALESCE(l.`title__lower`, l.`title`)) > 0
        )
        OR (
          LOCATE(LOWER('部長'), COALESCE(l.`title__lower`, l.`title`)) > 0
        )
        THEN 2
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l.`department__lower`, l.`department`) = LOWER('marketing')
        )
        THEN 1
        ELSE 0
      END + CASE WHEN (
        l.`is_competitor` = TRUE
      ) THEN -6 ELSE 0 END AS `raw`
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
) AS s;

-- ## grading fit · bigquery
SELECT
  `s`.`id`,
  `s`.`grade_index`,
  CASE `s`.`grade_index`
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS `grade`
FROM (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
        WHEN (
          COALESCE(l.`industry__lower`, l.`industry`) IN ('manufacturing', 'software')
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l.`employees` >= 100
      ) THEN 2 ELSE 0 END + CASE
        WHEN (
          INSTR(COALESCE(l.`title__lower`, l.`title`), 'manager') > 0
        )
        OR (
          INSTR(COALESCE(l.`title__lower`, l.`title`), '部長') > 0
        )
        THEN 2
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l.`department__lower`, l.`department`) = 'marketing'
        )
        THEN 1
        ELSE 0
      END + CASE WHEN (
        l.`is_competitor` = TRUE
      ) THEN -6 ELSE 0 END AS `raw`
    FROM `lead` AS l
    WHERE
      (
        l.`created_at` IS NULL
        OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
  ) AS g
) AS s;

-- ## grading fit · snowflake
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") IN ('manufacturing', 'software')
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l."employees" >= 100
      ) THEN 2 ELSE 0 END + CASE
        WHEN (
          CHARINDEX('manager', COALESCE(l."title__lower", l."title")) > 0
        )
        OR (
          CHARINDEX('部長', COALESCE(l."title__lower", l."title")) > 0
        )
        THEN 2
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l."department__lower", l."department") = 'marketing'
        )
        THEN 1
        ELSE 0
      END + CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN -6 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
  ) AS g
) AS s;

-- ## grading fit · trino
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
        WHEN (
          COALESCE(l."industry__lower", l."industry") IN ('manufacturing', 'software')
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l."employees" >= 100
      ) THEN 2 ELSE 0 END + CASE
        WHEN (
          STRPOS(COALESCE(l."title__lower", l."title"), 'manager') > 0
        )
        OR (
          STRPOS(COALESCE(l."title__lower", l."title"), '部長') > 0
        )
        THEN 2
        ELSE 0
      END + CASE
        WHEN (
          COALESCE(l."department__lower", l."department") = 'marketing'
        )
        THEN 1
        ELSE 0
      END + CASE WHEN (
        l."is_competitor" = TRUE
      ) THEN -6 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
  ) AS g
) AS s;

-- ## grading plain · sqlite
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN :p7
    WHEN 1
    THEN :p8
    WHEN 2
    THEN :p9
    WHEN 3
    THEN :p10
    WHEN 4
    THEN :p11
    WHEN 5
    THEN :p12
    WHEN 6
    THEN :p13
    WHEN 7
    THEN :p14
    WHEN 8
    THEN :p15
    WHEN 9
    THEN :p16
    WHEN 10
    THEN :p17
    WHEN 11
    THEN :p18
    WHEN 12
    THEN :p19
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      :p1 + CASE
        WHEN EXISTS(
          SELECT
            1
          FROM "tracking" AS e
          WHERE
            (
              e."lead_id" = l."id"
            ) AND (
              e."occurred_at" <= :p3
            )
          GROUP BY
            e."lead_id"
          HAVING
            (
              COUNT(*) >= :p4
            )
        )
        THEN :p2
        ELSE 0
      END + CASE WHEN (
        l."employees" > :p6
      ) THEN :p5 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= :p3
      )
  ) AS g
) AS s;
-- p1 = 2
-- p2 = 3
-- p3 = 1774958400000000
-- p4 = 10
-- p5 = -1
-- p6 = 1000
-- p7 = 'F'
-- p8 = 'D-'
-- p9 = 'D'
-- p10 = 'D+'
-- p11 = 'C-'
-- p12 = 'C'
-- p13 = 'C+'
-- p14 = 'B-'
-- p15 = 'B'
-- p16 = 'B+'
-- p17 = 'A-'
-- p18 = 'A'
-- p19 = 'A+'

-- ## grading plain · postgres
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN %(p7)s
    WHEN 1
    THEN %(p8)s
    WHEN 2
    THEN %(p9)s
    WHEN 3
    THEN %(p10)s
    WHEN 4
    THEN %(p11)s
    WHEN 5
    THEN %(p12)s
    WHEN 6
    THEN %(p13)s
    WHEN 7
    THEN %(p14)s
    WHEN 8
    THEN %(p15)s
    WHEN 9
    THEN %(p16)s
    WHEN 10
    THEN %(p17)s
    WHEN 11
    THEN %(p18)s
    WHEN 12
    THEN %(p19)s
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      %(p1)s + CASE
        WHEN l."id" IN (
          SELECT
            e."lead_id"
          FROM "tracking" AS e
          WHERE
            (
              e."occurred_at" <= %(p3)s
            )
          GROUP BY
            e."lead_id"
          HAVING
            (
              COUNT(*) >= %(p4)s
            )
        )
        THEN %(p2)s
        ELSE 0
      END + CASE WHEN (
        l."employees" > %(p6)s
      ) THEN %(p5)s ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= %(p3)s
      )
  ) AS g
) AS s;
-- p1 = 2
-- p2 = 3
-- p3 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 10
-- p5 = -1
-- p6 = 1000
-- p7 = 'F'
-- p8 = 'D-'
-- p9 = 'D'
-- p10 = 'D+'
-- p11 = 'C-'
-- p12 = 'C'
-- p13 = 'C+'
-- p14 = 'B-'
-- p15 = 'B'
-- p16 = 'B+'
-- p17 = 'A-'
-- p18 = 'A'
-- p19 = 'A+'

-- ## grading plain · duckdb
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN $p7
    WHEN 1
    THEN $p8
    WHEN 2
    THEN $p9
    WHEN 3
    THEN $p10
    WHEN 4
    THEN $p11
    WHEN 5
    THEN $p12
    WHEN 6
    THEN $p13
    WHEN 7
    THEN $p14
    WHEN 8
    THEN $p15
    WHEN 9
    THEN $p16
    WHEN 10
    THEN $p17
    WHEN 11
    THEN $p18
    WHEN 12
    THEN $p19
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      $p1 + CASE
        WHEN l."id" IN (
          SELECT
            e."lead_id"
          FROM "tracking" AS e
          WHERE
            (
              e."occurred_at" <= $p3
            )
          GROUP BY
            e."lead_id"
          HAVING
            (
              COUNT(*) >= $p4
            )
        )
        THEN $p2
        ELSE 0
      END + CASE WHEN (
        l."employees" > $p6
      ) THEN $p5 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL OR l."created_at" <= $p3
      )
  ) AS g
) AS s;
-- p1 = 2
-- p2 = 3
-- p3 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 10
-- p5 = -1
-- p6 = 1000
-- p7 = 'F'
-- p8 = 'D-'
-- p9 = 'D'
-- p10 = 'D+'
-- p11 = 'C-'
-- p12 = 'C'
-- p13 = 'C+'
-- p14 = 'B-'
-- p15 = 'B'
-- p16 = 'B+'
-- p17 = 'A-'
-- p18 = 'A'
-- p19 = 'A+'

-- ## grading plain · spark
SELECT
  `s`.`id`,
  `s`.`grade_index`,
  CASE `s`.`grade_index`
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS `grade`
FROM (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
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
                COUNT(*) >= 10
              )
          ) AS lr_probe_1(lr_k)
          WHERE
            lr_probe_1.lr_k = l.`id`
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l.`employees` > 1000
      ) THEN -1 ELSE 0 END AS `raw`
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
) AS s;

-- ## grading plain · bigquery
SELECT
  `s`.`id`,
  `s`.`grade_index`,
  CASE `s`.`grade_index`
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS `grade`
FROM (
  SELECT
    `g`.`id`,
    CASE WHEN `g`.`raw` < 0 THEN 0 WHEN `g`.`raw` > 12 THEN 12 ELSE `g`.`raw` END AS `grade_index`
  FROM (
    SELECT
      l.`id`,
      2 + CASE
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
              COUNT(*) >= 10
            )
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l.`employees` > 1000
      ) THEN -1 ELSE 0 END AS `raw`
    FROM `lead` AS l
    WHERE
      (
        l.`created_at` IS NULL
        OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
  ) AS g
) AS s;

-- ## grading plain · snowflake
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
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
              COUNT(*) >= 10
            )
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l."employees" > 1000
      ) THEN -1 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
  ) AS g
) AS s;

-- ## grading plain · trino
SELECT
  "s"."id",
  "s"."grade_index",
  CASE "s"."grade_index"
    WHEN 0
    THEN 'F'
    WHEN 1
    THEN 'D-'
    WHEN 2
    THEN 'D'
    WHEN 3
    THEN 'D+'
    WHEN 4
    THEN 'C-'
    WHEN 5
    THEN 'C'
    WHEN 6
    THEN 'C+'
    WHEN 7
    THEN 'B-'
    WHEN 8
    THEN 'B'
    WHEN 9
    THEN 'B+'
    WHEN 10
    THEN 'A-'
    WHEN 11
    THEN 'A'
    WHEN 12
    THEN 'A+'
  END AS "grade"
FROM (
  SELECT
    "g"."id",
    CASE WHEN "g"."raw" < 0 THEN 0 WHEN "g"."raw" > 12 THEN 12 ELSE "g"."raw" END AS "grade_index"
  FROM (
    SELECT
      l."id",
      2 + CASE
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
              COUNT(*) >= 10
            )
        )
        THEN 3
        ELSE 0
      END + CASE WHEN (
        l."employees" > 1000
      ) THEN -1 ELSE 0 END AS "raw"
    FROM "lead" AS l
    WHERE
      (
        l."created_at" IS NULL
        OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
      )
  ) AS g
) AS s;
