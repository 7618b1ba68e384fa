-- Golden SQL of the `event_blocks` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   segment bare_source { 1: activity }
--   segment braces_all { 1: tracking { path starts with "/pricing"; duration > 30 } }
--   segment braces_any { 1: application any { form in ("contact", "trial"); campaign ends with "-q1" } }
--   segment negative_inside { 1: application { campaign != "A" } exists }
--   segment not_block { match not application { campaign = "A" } }
--   segment event_fields {
--     1: tracking { occurred_at within 7 days; session exists; title not contains "404" }
--     2: mail { kind = "click"; link matches "utm_[a-z]+"; occurred_at in last week }
--   }

-- ## segment bare_source · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "activity" AS e
      WHERE
        (
          e."lead_id" = l."id"
        ) AND (
          e."occurred_at" <= :p1
        )
    )
  );
-- p1 = 1774958400000000

-- ## segment bare_source · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment bare_source · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)

-- ## segment bare_source · spark
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `activity` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment bare_source · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `activity` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
    )
  );

-- ## segment bare_source · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
    )
  );

-- ## segment bare_source · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "activity" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
    )
  );

-- ## segment braces_all · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "tracking" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          (
            SUBSTRING(COALESCE(e."path__lower", e."path"), 1, :p3) = :p2
          )
          AND (
            e."duration" > :p4
          )
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = '/pricing'
-- p3 = 8
-- p4 = 30

-- ## segment braces_all · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          (
            COALESCE(e."path__lower", e."path") LIKE %(p4)s
          )
          AND (
            e."duration" > %(p5)s
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p4 = '/pricing%'
-- p5 = 30

-- ## segment braces_all · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), $p2)
          )
          AND (
            e."duration" > $p4
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = '/pricing'
-- p4 = 30

-- ## segment braces_all · spark
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `tracking` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          (
            STARTSWITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          AND (
            e.`duration` > 30
          )
        )
    )
  );

-- ## segment braces_all · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `tracking` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          (
            STARTS_WITH(COALESCE(e.`path__lower`, e.`path`), '/pricing')
          )
          AND (
            e.`duration` > 30
          )
        )
    )
  );

-- ## segment braces_all · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          (
            STARTSWITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          AND (
            e."duration" > 30
          )
        )
    )
  );

-- ## segment braces_all · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          (
            STARTS_WITH(COALESCE(e."path__lower", e."path"), '/pricing')
          )
          AND (
            e."duration" > 30
          )
        )
    )
  );

-- ## segment braces_any · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "application" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN (:p2, :p3)
          )
          OR (
            SUBSTRING(COALESCE(e."campaign__lower", e."campaign"), :p6) = :p4
          )
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'contact'
-- p3 = 'trial'
-- p4 = '-q1'
-- p6 = -3

-- ## segment braces_any · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN (%(p2)s, %(p3)s)
          )
          OR (
            COALESCE(e."campaign__lower", e."campaign") LIKE %(p6)s
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'contact'
-- p3 = 'trial'
-- p6 = '%-q1'

-- ## segment braces_any · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN ($p2, $p3)
          )
          OR (
            ENDS_WITH(COALESCE(e."campaign__lower", e."campaign"), $p4)
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'contact'
-- p3 = 'trial'
-- p4 = '-q1'

-- ## segment braces_any · spark
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          (
            COALESCE(e.`form__lower`, e.`form`) IN ('contact', 'trial')
          )
          OR (
            ENDSWITH(COALESCE(e.`campaign__lower`, e.`campaign`), '-q1')
          )
        )
    )
  );

-- ## segment braces_any · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          (
            COALESCE(e.`form__lower`, e.`form`) IN ('contact', 'trial')
          )
          OR (
            ENDS_WITH(COALESCE(e.`campaign__lower`, e.`campaign`), '-q1')
          )
        )
    )
  );

-- ## segment braces_any · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN ('contact', 'trial')
          )
          OR (
            ENDSWITH(COALESCE(e."campaign__lower", e."campaign"), '-q1')
          )
        )
    )
  );

-- ## segment braces_any · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          (
            COALESCE(e."form__lower", e."form") IN ('contact', 'trial')
          )
          OR (
            ENDS_WITH(COALESCE(e."campaign__lower", e."campaign"), '-q1')
          )
        )
    )
  );

-- ## segment negative_inside · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    EXISTS(
      SELECT
        1
      FROM "application" AS e
      WHERE
        (
          e."lead_id" = l."id"
        )
        AND (
          e."occurred_at" <= :p1
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = :p2
            )
          )
        )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'a'

-- ## segment negative_inside · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = %(p2)s
            )
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment negative_inside · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = $p2
            )
          )
        )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment negative_inside · spark
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          NOT (
            NOT e.`campaign` IS NULL
            AND (
              COALESCE(e.`campaign__lower`, e.`campaign`) = 'a'
            )
          )
        )
    )
  );

-- ## segment negative_inside · bigquery
SELECT
  l.`id`
FROM `lead` AS l
WHERE
  (
    l.`created_at` IS NULL
    OR l.`created_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
  )
  AND (
    l.`id` IN (
      SELECT
        e.`lead_id`
      FROM `application` AS e
      WHERE
        (
          e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
        )
        AND (
          NOT (
            NOT e.`campaign` IS NULL
            AND (
              COALESCE(e.`campaign__lower`, e.`campaign`) = 'a'
            )
          )
        )
    )
  );

-- ## segment negative_inside · snowflake
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = 'a'
            )
          )
        )
    )
  );

-- ## segment negative_inside · trino
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
  )
  AND (
    l."id" IN (
      SELECT
        e."lead_id"
      FROM "application" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
        )
        AND (
          NOT (
            NOT e."campaign" IS NULL
            AND (
              COALESCE(e."campaign__lower", e."campaign") = 'a'
            )
          )
        )
    )
  );

-- ## segment not_block · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    NOT (
      EXISTS(
        SELECT
          1
        FROM "application" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = :p2
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 'a'

-- ## segment not_block · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    NOT (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = %(p2)s
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment not_block · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    NOT (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = $p2
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 'a'

-- ## segment not_block · spark
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
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `application` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            COALESCE(e.`campaign__lower`, e.`campaign`) = 'a'
          )
      )
    )
  );

-- ## segment not_block · bigquery
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
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `application` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            COALESCE(e.`campaign__lower`, e.`campaign`) = 'a'
          )
      )
    )
  );

-- ## segment not_block · snowflake
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
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = 'a'
          )
      )
    )
  );

-- ## segment not_block · trino
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
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "application" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            COALESCE(e."campaign__lower", e."campaign") = 'a'
          )
      )
    )
  );

-- ## segment event_fields · sqlite
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  )
  AND (
    (
      EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            (
              e."occurred_at" >= :p2 AND e."occurred_at" <= :p1
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  INSTR(COALESCE(e."title__lower", e."title"), :p3) > 0
                )
              )
            )
          )
      )
    )
    AND (
      EXISTS(
        SELECT
          1
        FROM "mail" AS e
        WHERE
          (
            e."lead_id" = l."id"
          )
          AND (
            e."occurred_at" <= :p1
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = :p4
            )
            AND (
              e."link" REGEXP :p5
            )
            AND (
              e."occurred_at" >= :p6 AND e."occurred_at" < :p7
            )
          )
      )
    )
  );
-- p1 = 1774958400000000
-- p2 = 1774353600000000
-- p3 = '404'
-- p4 = 'click'
-- p5 = 'utm_[a-z]+'
-- p6 = 1774224000000000
-- p7 = 1774828800000000

-- ## segment event_fields · postgres
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  )
  AND (
    (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            (
              e."occurred_at" >= %(p2)s AND e."occurred_at" <= %(p1)s
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  POSITION(%(p3)s IN COALESCE(e."title__lower", e."title")) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = %(p4)s
            )
            AND (
              e."link" ~ %(p5)s
            )
            AND (
              e."occurred_at" >= %(p6)s AND e."occurred_at" < %(p7)s
            )
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = '404'
-- p4 = 'click'
-- p5 = 'utm_[a-z]+'
-- p6 = datetime.datetime(2026, 3, 23, 0, 0, tzinfo=datetime.timezone.utc)
-- p7 = datetime.datetime(2026, 3, 30, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment event_fields · duckdb
SELECT
  l."id"
FROM "lead" AS l
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  )
  AND (
    (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            (
              e."occurred_at" >= $p2 AND e."occurred_at" <= $p1
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  STRPOS(COALESCE(e."title__lower", e."title"), $p3) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = $p4
            )
            AND (
              REGEXP_MATCHES(e."link", $p5)
            )
            AND (
              e."occurred_at" >= $p6 AND e."occurred_at" < $p7
            )
          )
      )
    )
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = datetime.datetime(2026, 3, 24, 12, 0, tzinfo=datetime.timezone.utc)
-- p3 = '404'
-- p4 = 'click'
-- p5 = 'utm_[a-z]+'
-- p6 = datetime.datetime(2026, 3, 23, 0, 0, tzinfo=datetime.timezone.utc)
-- p7 = datetime.datetime(2026, 3, 30, 0, 0, tzinfo=datetime.timezone.utc)

-- ## segment event_fields · spark
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
          e.`lead_id`
        FROM `tracking` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              e.`occurred_at` >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
              AND e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
            )
            AND (
              NOT e.`session` IS NULL
            )
            AND (
              NOT (
                NOT e.`title` IS NULL
                AND (
                  LOCATE('404', COALESCE(e.`title__lower`, e.`title`)) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `mail` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              COALESCE(e.`kind__lower`, e.`kind`) = 'click'
            )
            AND (
              e.`link` RLIKE 'utm_[a-z]+'
            )
            AND (
              e.`occurred_at` >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMP)
              AND e.`occurred_at` < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMP)
            )
          )
      )
    )
  );

-- ## segment event_fields · bigquery
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
          e.`lead_id`
        FROM `tracking` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              e.`occurred_at` >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP)
              AND e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
            )
            AND (
              NOT e.`session` IS NULL
            )
            AND (
              NOT (
                NOT e.`title` IS NULL
                AND (
                  INSTR(COALESCE(e.`title__lower`, e.`title`), '404') > 0
                )
              )
            )
          )
      )
    )
    AND (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `mail` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            (
              COALESCE(e.`kind__lower`, e.`kind`) = 'click'
            )
            AND (
              REGEXP_CONTAINS(e.`link`, 'utm_[a-z]+')
            )
            AND (
              e.`occurred_at` >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMP)
              AND e.`occurred_at` < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMP)
            )
          )
      )
    )
  );

-- ## segment event_fields · snowflake
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
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            (
              e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMPTZ)
              AND e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  CHARINDEX('404', COALESCE(e."title__lower", e."title")) > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
            AND (
              REGEXP_INSTR(e."link", 'utm_[a-z]+') > 0
            )
            AND (
              e."occurred_at" >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMPTZ)
              AND e."occurred_at" < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMPTZ)
            )
          )
      )
    )
  );

-- ## segment event_fields · trino
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
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            (
              e."occurred_at" >= CAST('2026-03-24 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
              AND e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
            )
            AND (
              NOT e."session" IS NULL
            )
            AND (
              NOT (
                NOT e."title" IS NULL
                AND (
                  STRPOS(COALESCE(e."title__lower", e."title"), '404') > 0
                )
              )
            )
          )
      )
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
          )
          AND (
            (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
            AND (
              REGEXP_LIKE(e."link", 'utm_[a-z]+')
            )
            AND (
              e."occurred_at" >= CAST('2026-03-23 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
              AND e."occurred_at" < CAST('2026-03-30 00:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
            )
          )
      )
    )
  );
