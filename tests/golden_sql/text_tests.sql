-- Golden SQL of the `text_tests` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment eq { 1: lead { industry = "Software" } }
--   segment neq { 1: lead { industry != "software" } }
--   segment in_list { 1: lead { industry in ("Software", "製造業") } }
--   segment not_in_list { 1: lead { industry not in ("software", "retail") } }
--   segment contains { 1: lead { title contains "Manager" } }
--   segment not_contains { 1: lead { title not contains "部長" } }
--   segment starts { 1: lead { email starts with "Taro" } }
--   segment ends { 1: lead { email ends with "@example.com" } }
--   segment matches { 1: lead { company matches "^[A-Z]\\w+ (Inc|株式会社)$" } }
--   segment exists { 1: lead { email exists; not (name exists) } }
--   segment not_exists { 1: lead { email not exists } }
--   segment like_chars { 1: lead { title contains "100%_off" } }

-- ## segment eq · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    COALESCE(l."industry__lower", l."industry") = :p2
  );
-- p1 = 1774958400000000
-- p2 = 'software'

-- ## segment eq · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    COALESCE(l."industry__lower", l."industry") = %(p2)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'

-- ## segment eq · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'

-- ## segment eq · spark
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
    COALESCE(l.`industry__lower`, l.`industry`) = LOWER('Software')
  );

-- ## segment eq · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    COALESCE(l.`industry__lower`, l.`industry`) = 'software'
  );

-- ## segment eq · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    COALESCE(l."industry__lower", l."industry") = 'software'
  );

-- ## segment eq · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    COALESCE(l."industry__lower", l."industry") = 'software'
  );

-- ## segment neq · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") = :p2
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'

-- ## segment neq · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") = %(p2)s
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'

-- ## segment neq · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", LOWER(l."industry")) = $p2
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'

-- ## segment neq · spark
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
    NOT (
      NOT l.`industry` IS NULL
      AND (
        COALESCE(l.`industry__lower`, l.`industry`) = LOWER('software')
      )
    )
  );

-- ## segment neq · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    NOT (
      NOT l.`industry` IS NULL
      AND (
        COALESCE(l.`industry__lower`, l.`industry`) = 'software'
      )
    )
  );

-- ## segment neq · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
    )
  );

-- ## segment neq · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") = 'software'
      )
    )
  );

-- ## segment in_list · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    COALESCE(l."industry__lower", l."industry") IN (:p2, :p3)
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = '製造業'

-- ## segment in_list · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    COALESCE(l."industry__lower", l."industry") IN (%(p2)s, %(p3)s)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = '製造業'

-- ## segment in_list · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    COALESCE(l."industry__lower", LOWER(l."industry")) IN ($p2, $p3)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = '製造業'

-- ## segment in_list · spark
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
    COALESCE(l.`industry__lower`, l.`industry`) IN (LOWER('Software'), LOWER('製造業'))
  );

-- ## segment in_list · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    COALESCE(l.`industry__lower`, l.`industry`) IN ('software', '製造業')
  );

-- ## segment in_list · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    COALESCE(l."industry__lower", l."industry") IN ('software', '製造業')
  );

-- ## segment in_list · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    COALESCE(l."industry__lower", l."industry") IN ('software', '製造業')
  );

-- ## segment not_in_list · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") IN (:p2, :p3)
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'software'
-- p3 = 'retail'

-- ## segment not_in_list · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") IN (%(p2)s, %(p3)s)
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 'retail'

-- ## segment not_in_list · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", LOWER(l."industry")) IN ($p2, $p3)
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'software'
-- p3 = 'retail'

-- ## segment not_in_list · spark
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
    NOT (
      NOT l.`industry` IS NULL
      AND (
        COALESCE(l.`industry__lower`, l.`industry`) IN (LOWER('software'), LOWER('retail'))
      )
    )
  );

-- ## segment not_in_list · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    NOT (
      NOT l.`industry` IS NULL
      AND (
        COALESCE(l.`industry__lower`, l.`industry`) IN ('software', 'retail')
      )
    )
  );

-- ## segment not_in_list · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") IN ('software', 'retail')
      )
    )
  );

-- ## segment not_in_list · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    NOT (
      NOT l."industry" IS NULL
      AND (
        COALESCE(l."industry__lower", l."industry") IN ('software', 'retail')
      )
    )
  );

-- ## segment contains · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    INSTR(COALESCE(l."title__lower", l."title"), :p2) > 0
  );
-- p1 = 1774958400000000
-- p2 = 'manager'

-- ## segment contains · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    POSITION(%(p2)s IN COALESCE(l."title__lower", l."title")) > 0
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'manager'

-- ## segment contains · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    STRPOS(COALESCE(l."title__lower", LOWER(l."title")), $p2) > 0
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'manager'

-- ## segment contains · spark
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
    LOCATE(LOWER('Manager'), COALESCE(l.`title__lower`, l.`title`)) > 0
  );

-- ## segment contains · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    INSTR(COALESCE(l.`title__lower`, l.`title`), 'manager') > 0
  );

-- ## segment contains · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    CHARINDEX('manager', COALESCE(l."title__lower", l."title")) > 0
  );

-- ## segment contains · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    STRPOS(COALESCE(l."title__lower", l."title"), 'manager') > 0
  );

-- ## segment not_contains · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    NOT (
      NOT l."title" IS NULL
      AND (
        INSTR(COALESCE(l."title__lower", l."title"), :p2) > 0
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = '部長'

-- ## segment not_contains · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    NOT (
      NOT l."title" IS NULL
      AND (
        POSITION(%(p2)s IN COALESCE(l."title__lower", l."title")) > 0
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '部長'

-- ## segment not_contains · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    NOT (
      NOT l."title" IS NULL
      AND (
        STRPOS(COALESCE(l."title__lower", LOWER(l."title")), $p2) > 0
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '部長'

-- ## segment not_contains · spark
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
    NOT (
      NOT l.`title` IS NULL
      AND (
        LOCATE(LOWER('部長'), COALESCE(l.`title__lower`, l.`title`)) > 0
      )
    )
  );

-- ## segment not_contains · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    NOT (
      NOT l.`title` IS NULL
      AND (
        INSTR(COALESCE(l.`title__lower`, l.`title`), '部長') > 0
      )
    )
  );

-- ## segment not_contains · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    NOT (
      NOT l."title" IS NULL
      AND (
        CHARINDEX('部長', COALESCE(l."title__lower", l."title")) > 0
      )
    )
  );

-- ## segment not_contains · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    NOT (
      NOT l."title" IS NULL
      AND (
        STRPOS(COALESCE(l."title__lower", l."title"), '部長') > 0
      )
    )
  );

-- ## segment starts · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    SUBSTRING(COALESCE(l."email__lower", l."email"), 1, :p3) = :p2
  );
-- p1 = 1774958400000000
-- p2 = 'taro'
-- p3 = 4

-- ## segment starts · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    COALESCE(l."email__lower", l."email") LIKE %(p4)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = 'taro%'

-- ## segment starts · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    STARTS_WITH(COALESCE(l."email__lower", LOWER(l."email")), $p2)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'taro'

-- ## segment starts · spark
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
    STARTSWITH(COALESCE(l.`email__lower`, l.`email`), LOWER('Taro'))
  );

-- ## segment starts · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    STARTS_WITH(COALESCE(l.`email__lower`, l.`email`), 'taro')
  );

-- ## segment starts · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    STARTSWITH(COALESCE(l."email__lower", l."email"), 'taro')
  );

-- ## segment starts · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    STARTS_WITH(COALESCE(l."email__lower", l."email"), 'taro')
  );

-- ## segment ends · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    SUBSTRING(COALESCE(l."email__lower", l."email"), :p4) = :p2
  );
-- p1 = 1774958400000000
-- p2 = '@example.com'
-- p4 = -12

-- ## segment ends · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    COALESCE(l."email__lower", l."email") LIKE %(p4)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '%@example.com'

-- ## segment ends · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    ENDS_WITH(COALESCE(l."email__lower", LOWER(l."email")), $p2)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '@example.com'

-- ## segment ends · spark
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
    ENDSWITH(COALESCE(l.`email__lower`, l.`email`), LOWER('@example.com'))
  );

-- ## segment ends · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    ENDS_WITH(COALESCE(l.`email__lower`, l.`email`), '@example.com')
  );

-- ## segment ends · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    ENDSWITH(COALESCE(l."email__lower", l."email"), '@example.com')
  );

-- ## segment ends · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    ENDS_WITH(COALESCE(l."email__lower", l."email"), '@example.com')
  );

-- ## segment matches · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    l."company" REGEXP :p2
  );
-- p1 = 1774958400000000
-- p2 = '^[A-Z]\\w+ (Inc|株式会社)$'

-- ## segment matches · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."company" ~ %(p2)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '^[A-Z][a-zA-Z0-9_]+ (Inc|株式会社)(?=\\n?$)'

-- ## segment matches · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    REGEXP_MATCHES(l."company", $p2)
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '^[A-Z]\\w+ (Inc|株式会社)(?:\\n?$)'

-- ## segment matches · spark
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
    l.`company` RLIKE '^[A-Z]\\w+ (Inc|株式会社)(?=\\n?\\z)'
  );

-- ## segment matches · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    REGEXP_CONTAINS(l.`company`, '^[A-Z]\\w+ (Inc|株式会社)(?:\\n?$)')
  );

-- ## segment matches · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    REGEXP_INSTR(l."company", '^[A-Z]\\w+ (Inc|株式会社)(?:\\n?$)') > 0
  );

-- ## segment matches · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    REGEXP_LIKE(l."company", '^[A-Z]\w+ (Inc|株式会社)(?:\n?$)')
  );

-- ## segment exists · sqlite
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
    ) AND (
      NOT (
        NOT l."name" IS NULL
      )
    )
  );
-- p1 = 1774958400000000

-- ## segment exists · postgres
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
    ) AND (
      NOT (
        NOT l."name" IS NULL
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment exists · duckdb
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
    ) AND (
      NOT (
        NOT l."name" IS NULL
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment exists · spark
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
    ) AND (
      NOT (
        NOT l.`name` IS NULL
      )
    )
  );

-- ## segment exists · bigquery
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
    ) AND (
      NOT (
        NOT l.`name` IS NULL
      )
    )
  );

-- ## segment exists · snowflake
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
    ) AND (
      NOT (
        NOT l."name" IS NULL
      )
    )
  );

-- ## segment exists · trino
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
    ) AND (
      NOT (
        NOT l."name" IS NULL
      )
    )
  );

-- ## segment not_exists · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  ) AND (
    l."email" IS NULL
  );
-- p1 = 1774958400000000

-- ## segment not_exists · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."email" IS NULL
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment not_exists · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  ) AND (
    l."email" IS NULL
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment not_exists · spark
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
    l.`email` IS NULL
  );

-- ## segment not_exists · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`email` IS NULL
  );

-- ## segment not_exists · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."email" IS NULL
  );

-- ## segment not_exists · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."email" IS NULL
  );

-- ## segment like_chars · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    INSTR(COALESCE(l."title__lower", l."title"), :p2) > 0
  );
-- p1 = 1774958400000000
-- p2 = '100%_off'

-- ## segment like_chars · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    POSITION(%(p2)s IN COALESCE(l."title__lower", l."title")) > 0
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '100%_off'

-- ## segment like_chars · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    STRPOS(COALESCE(l."title__lower", LOWER(l."title")), $p2) > 0
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '100%_off'

-- ## segment like_chars · spark
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
    LOCATE(LOWER('100%_off'), COALESCE(l.`title__lower`, l.`title`)) > 0
  );

-- ## segment like_chars · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    INSTR(COALESCE(l.`title__lower`, l.`title`), '100%_off') > 0
  );

-- ## segment like_chars · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    CHARINDEX('100%_off', COALESCE(l."title__lower", l."title")) > 0
  );

-- ## segment like_chars · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    STRPOS(COALESCE(l."title__lower", l."title"), '100%_off') > 0
  );
