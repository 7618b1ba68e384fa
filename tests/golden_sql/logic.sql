-- Golden SQL of the `logic` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment labels {
--     1: lead { industry = "software" }
--     2: lead { employees >= 100 }
--     3: lead { is_competitor }
--     match (1 or 2) and not 3
--   }
--   segment all_blocks {
--     a: lead { industry = "software" }
--     b: lead any { employees >= 100; age < 30 }
--   }
--   segment inline {
--     match industry = "software" and not (employees < 10 or age > 60) or is_competitor
--   }
--   segment negations {
--     match not (industry = "software" and tags contains "vip") and not not nurture_target
--   }

-- ## segment labels · sqlite
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
        NOT l."is_competitor" IS NULL AND (
          l."is_competitor" = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l."industry__lower", l."industry") = :p2
      )
      OR (
        l."employees" >= :p3
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = 100

-- ## segment labels · postgres
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
        NOT l."is_competitor" IS NULL AND (
          l."is_competitor" = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l."industry__lower", l."industry") = %(p2)s
      )
      OR (
        l."employees" >= %(p3)s
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100

-- ## segment labels · duckdb
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
        NOT l."is_competitor" IS NULL AND (
          l."is_competitor" = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
      )
      OR (
        l."employees" >= $p3
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100

-- ## segment labels · spark
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
        NOT l.`is_competitor` IS NULL AND (
          l.`is_competitor` = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
      )
      OR (
        l.`employees` >= 100
      )
    )
  );

-- ## segment labels · bigquery
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
        NOT l.`is_competitor` IS NULL AND (
          l.`is_competitor` = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l.`industry__lower`, l.`industry`) = 'software'
      )
      OR (
        l.`employees` >= 100
      )
    )
  );

-- ## segment labels · snowflake
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
        NOT l."is_competitor" IS NULL AND (
          l."is_competitor" = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      OR (
        l."employees" >= 100
      )
    )
  );

-- ## segment labels · trino
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
        NOT l."is_competitor" IS NULL AND (
          l."is_competitor" = TRUE
        )
      )
    )
    AND (
      (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      OR (
        l."employees" >= 100
      )
    )
  );

-- ## segment all_blocks · sqlite
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
      (
        l."employees" >= :p3
      ) OR (
        l."age" < :p4
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = 100
-- p4 = 30

-- ## segment all_blocks · postgres
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
      (
        l."employees" >= %(p3)s
      ) OR (
        l."age" < %(p4)s
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100
-- p4 = 30

-- ## segment all_blocks · duckdb
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
      (
        l."employees" >= $p3
      ) OR (
        l."age" < $p4
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 100
-- p4 = 30

-- ## segment all_blocks · spark
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
      (
        l.`employees` >= 100
      ) OR (
        l.`age` < 30
      )
    )
  );

-- ## segment all_blocks · bigquery
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
      (
        l.`employees` >= 100
      ) OR (
        l.`age` < 30
      )
    )
  );

-- ## segment all_blocks · snowflake
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
      (
        l."employees" >= 100
      ) OR (
        l."age" < 30
      )
    )
  );

-- ## segment all_blocks · trino
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
      (
        l."employees" >= 100
      ) OR (
        l."age" < 30
      )
    )
  );

-- ## segment inline · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    (
      l."is_competitor" = TRUE
    )
    OR (
      (
        COALESCE(l."industry__lower", l."industry") = :p2
      )
      AND (
        NOT (
          (
            NOT l."employees" IS NULL AND (
              l."employees" < :p3
            )
          )
          OR (
            NOT l."age" IS NULL AND (
              l."age" > :p4
            )
          )
        )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = 10
-- p4 = 60

-- ## segment inline · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    (
      l."is_competitor" = TRUE
    )
    OR (
      (
        COALESCE(l."industry__lower", l."industry") = %(p2)s
      )
      AND (
        NOT (
          (
            NOT l."employees" IS NULL AND (
              l."employees" < %(p3)s
            )
          )
          OR (
            NOT l."age" IS NULL AND (
              l."age" > %(p4)s
            )
          )
        )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 10
-- p4 = 60

-- ## segment inline · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    (
      l."is_competitor" = TRUE
    )
    OR (
      (
        COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
      )
      AND (
        NOT (
          (
            NOT l."employees" IS NULL AND (
              l."employees" < $p3
            )
          )
          OR (
            NOT l."age" IS NULL AND (
              l."age" > $p4
            )
          )
        )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 10
-- p4 = 60

-- ## segment inline · spark
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
      l.`is_competitor` = TRUE
    )
    OR (
      (
        COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
      )
      AND (
        NOT (
          (
            NOT l.`employees` IS NULL AND (
              l.`employees` < 10
            )
          )
          OR (
            NOT l.`age` IS NULL AND (
              l.`age` > 60
            )
          )
        )
      )
    )
  );

-- ## segment inline · bigquery
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
      l.`is_competitor` = TRUE
    )
    OR (
      (
        COALESCE(l.`industry__lower`, l.`industry`) = 'software'
      )
      AND (
        NOT (
          (
            NOT l.`employees` IS NULL AND (
              l.`employees` < 10
            )
          )
          OR (
            NOT l.`age` IS NULL AND (
              l.`age` > 60
            )
          )
        )
      )
    )
  );

-- ## segment inline · snowflake
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
      l."is_competitor" = TRUE
    )
    OR (
      (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      AND (
        NOT (
          (
            NOT l."employees" IS NULL AND (
              l."employees" < 10
            )
          )
          OR (
            NOT l."age" IS NULL AND (
              l."age" > 60
            )
          )
        )
      )
    )
  );

-- ## segment inline · trino
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
      l."is_competitor" = TRUE
    )
    OR (
      (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
      AND (
        NOT (
          (
            NOT l."employees" IS NULL AND (
              l."employees" < 10
            )
          )
          OR (
            NOT l."age" IS NULL AND (
              l."age" > 60
            )
          )
        )
      )
    )
  );

-- ## segment negations · sqlite
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
        NOT (
          l."nurture_target" = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l."industry" IS NULL
          AND (
            COALESCE(l."industry__lower", l."industry") = :p2
          )
        )
        AND (
          NOT l."tags" IS NULL AND (
            INSTR(l."tags__lower", :p3) > 0
          )
        )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = '|vip|'

-- ## segment negations · postgres
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
        NOT (
          l."nurture_target" = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l."industry" IS NULL
          AND (
            COALESCE(l."industry__lower", l."industry") = %(p2)s
          )
        )
        AND (
          NOT l."tags" IS NULL AND (
            POSITION(%(p3)s IN l."tags__lower") > 0
          )
        )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = '|vip|'

-- ## segment negations · duckdb
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
        NOT (
          l."nurture_target" = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l."industry" IS NULL
          AND (
            COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
          )
        )
        AND (
          NOT l."tags" IS NULL
          AND (
            STRPOS(COALESCE(l."tags__lower", '|' || LOWER(l."tags") || '|'), $p3) > 0
          )
        )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = '|vip|'

-- ## segment negations · spark
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
        NOT (
          l.`nurture_target` = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l.`industry` IS NULL
          AND (
            COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
          )
        )
        AND (
          NOT l.`tags` IS NULL AND (
            LOCATE(LOWER('|vip|'), l.`tags__lower`) > 0
          )
        )
      )
    )
  );

-- ## segment negations · bigquery
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
        NOT (
          l.`nurture_target` = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l.`industry` IS NULL
          AND (
            COALESCE(l.`industry__lower`, l.`industry`) = 'software'
          )
        )
        AND (
          NOT l.`tags` IS NULL AND (
            INSTR(l.`tags__lower`, '|vip|') > 0
          )
        )
      )
    )
  );

-- ## segment negations · snowflake
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
        NOT (
          l."nurture_target" = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l."industry" IS NULL
          AND (
            COALESCE(l."industry__lower", l."industry") = 'software'
          )
        )
        AND (
          NOT l."tags" IS NULL AND (
            CHARINDEX('|vip|', l."tags__lower") > 0
          )
        )
      )
    )
  );

-- ## segment negations · trino
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
        NOT (
          l."nurture_target" = TRUE
        )
      )
    )
    AND (
      NOT (
        (
          NOT l."industry" IS NULL
          AND (
            COALESCE(l."industry__lower", l."industry") = 'software'
          )
        )
        AND (
          NOT l."tags" IS NULL AND (
            STRPOS(l."tags__lower", '|vip|') > 0
          )
        )
      )
    )
  );
