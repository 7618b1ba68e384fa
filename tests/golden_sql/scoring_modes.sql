-- Golden SQL of the `scoring_modes` family (tests/golden_sql.py); as of 2026-03-31T12:00:00Z, time zone UTC.
-- Regenerate with `make golden` and review the diff.
--
--   scoring modes {
--     top: tracking { path = "/" } => +1 per event
--     plain: application { form = "whitepaper" } => +3
--     contact: application { form = "contact" } => +50 once
--     visits: tracking count >= 3 => +5
--     big: lead { employees >= 100 } => +10
--     ref: segment engaged => +20
--     either: mail { kind = "click" } or lead { is_competitor } => -1.5
--     zero: activity => 0 per event
--   }
--   segment engaged { 1: tracking count >= 2 per session }

-- ## scoring modes · sqlite
WITH seg_0 AS (
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
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= :p2
          )
      )
    )
)
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  "s"."raw_1" AS "plain",
  "s"."raw_2" AS "contact",
  "s"."raw_3" AS "visits",
  "s"."raw_4" AS "big",
  "s"."raw_5" AS "ref",
  "s"."raw_6" AS "either",
  "s"."raw_7" AS "zero",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" + "s"."raw_4" + "s"."raw_5" + "s"."raw_6" + "s"."raw_7" AS "total"
FROM (
  SELECT
    l."id",
    :p3 * COALESCE("p0"."n0", 0) AS "raw_0",
    :p5 * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN :p7 ELSE 0 END AS "raw_2",
    CASE
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
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= :p5
          )
      )
      THEN :p9
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= :p11
    ) THEN :p10 ELSE 0 END AS "raw_4",
    CASE WHEN l."id" IN (
      SELECT
        "id"
      FROM seg_0
    ) THEN :p12 ELSE 0 END AS "raw_5",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      OR (
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
              COALESCE(e."kind__lower", e."kind") = :p14
            )
        )
      )
      THEN :p13
      ELSE 0
    END AS "raw_6",
    :p15 * COALESCE("p2"."n7", 0) AS "raw_7"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") = :p4
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p1
      ) AND (
        COALESCE(e."path__lower", e."path") = :p4
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = :p6
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = :p8
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= :p1
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = :p6
        )
        OR (
          COALESCE(e."form__lower", e."form") = :p8
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n7"
    FROM "activity" AS e
    WHERE
      (
        e."occurred_at" <= :p1
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p1
    )
) AS s;
-- p1 = 1774958400000000
-- p2 = 2
-- p3 = 1
-- p4 = '/'
-- p5 = 3
-- p6 = 'whitepaper'
-- p7 = 50
-- p8 = 'contact'
-- p9 = 5
-- p10 = 10
-- p11 = 100
-- p12 = 20
-- p13 = -1.5
-- p14 = 'click'
-- p15 = 0

-- ## score rows modes · sqlite
WITH seg_0 AS (
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
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= :p2
          )
      )
    )
)
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p1"."n1", 0) AS "d1_0",
  CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 1 ELSE 0 END AS "d2_0",
  CASE
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
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= :p5
        )
    )
    THEN 1
    ELSE 0
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= :p11
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE WHEN l."id" IN (
    SELECT
      "id"
    FROM seg_0
  ) THEN 1 ELSE 0 END AS "d5_0",
  CASE
    WHEN (
      l."is_competitor" = TRUE
    )
    OR (
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
            COALESCE(e."kind__lower", e."kind") = :p14
          )
      )
    )
    THEN 1
    ELSE 0
  END AS "d6_0",
  COALESCE("p2"."n7", 0) AS "d7_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") = :p4
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p1
    ) AND (
      COALESCE(e."path__lower", e."path") = :p4
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = :p6
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = :p8
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= :p1
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = :p6
      )
      OR (
        COALESCE(e."form__lower", e."form") = :p8
      )
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n7"
  FROM "activity" AS e
  WHERE
    (
      e."occurred_at" <= :p1
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p1
  );
-- p1 = 1774958400000000
-- p2 = 2
-- p4 = '/'
-- p5 = 3
-- p6 = 'whitepaper'
-- p8 = 'contact'
-- p11 = 100
-- p14 = 'click'
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · postgres
WITH seg_0 AS (
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
          ) AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= %(p2)s
          )
      )
    )
)
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  "s"."raw_1" AS "plain",
  "s"."raw_2" AS "contact",
  "s"."raw_3" AS "visits",
  "s"."raw_4" AS "big",
  "s"."raw_5" AS "ref",
  "s"."raw_6" AS "either",
  "s"."raw_7" AS "zero",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" + "s"."raw_4" + "s"."raw_5" + "s"."raw_6" + "s"."raw_7" AS "total"
FROM (
  SELECT
    l."id",
    %(p3)s * COALESCE("p0"."n0", 0) AS "raw_0",
    %(p5)s * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN %(p7)s ELSE 0 END AS "raw_2",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= %(p5)s
          )
      )
      THEN %(p9)s
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= %(p11)s
    ) THEN %(p10)s ELSE 0 END AS "raw_4",
    CASE WHEN l."id" IN (
      SELECT
        "id"
      FROM seg_0
    ) THEN %(p12)s ELSE 0 END AS "raw_5",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      OR (
        l."id" IN (
          SELECT
            e."lead_id"
          FROM "mail" AS e
          WHERE
            (
              e."occurred_at" <= %(p1)s
            )
            AND (
              COALESCE(e."kind__lower", e."kind") = %(p14)s
            )
        )
      )
      THEN %(p13)s
      ELSE 0
    END AS "raw_6",
    %(p15)s * COALESCE("p2"."n7", 0) AS "raw_7"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") = %(p4)s
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p1)s
      )
      AND (
        COALESCE(e."path__lower", e."path") = %(p4)s
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
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = %(p8)s
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= %(p1)s
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = %(p6)s
        )
        OR (
          COALESCE(e."form__lower", e."form") = %(p8)s
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n7"
    FROM "activity" AS e
    WHERE
      (
        e."occurred_at" <= %(p1)s
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p1)s
    )
) AS s;
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 2
-- p3 = 1
-- p4 = '/'
-- p5 = 3
-- p6 = 'whitepaper'
-- p7 = 50
-- p8 = 'contact'
-- p9 = 5
-- p10 = 10
-- p11 = 100
-- p12 = 20
-- p13 = -1.5
-- p14 = 'click'
-- p15 = 0

-- ## score rows modes · postgres
WITH seg_0 AS (
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
          ) AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= %(p2)s
          )
      )
    )
)
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p1"."n1", 0) AS "d1_0",
  CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 1 ELSE 0 END AS "d2_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p1)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= %(p5)s
        )
    )
    THEN 1
    ELSE 0
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= %(p11)s
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE WHEN l."id" IN (
    SELECT
      "id"
    FROM seg_0
  ) THEN 1 ELSE 0 END AS "d5_0",
  CASE
    WHEN (
      l."is_competitor" = TRUE
    )
    OR (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= %(p1)s
          )
          AND (
            COALESCE(e."kind__lower", e."kind") = %(p14)s
          )
      )
    )
    THEN 1
    ELSE 0
  END AS "d6_0",
  COALESCE("p2"."n7", 0) AS "d7_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") = %(p4)s
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p1)s
    )
    AND (
      COALESCE(e."path__lower", e."path") = %(p4)s
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
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = %(p8)s
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= %(p1)s
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = %(p6)s
      )
      OR (
        COALESCE(e."form__lower", e."form") = %(p8)s
      )
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n7"
  FROM "activity" AS e
  WHERE
    (
      e."occurred_at" <= %(p1)s
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p1)s
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 2
-- p4 = '/'
-- p5 = 3
-- p6 = 'whitepaper'
-- p8 = 'contact'
-- p11 = 100
-- p14 = 'click'
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · duckdb
WITH seg_0 AS (
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
          ) AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= $p2
          )
      )
    )
)
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  "s"."raw_1" AS "plain",
  "s"."raw_2" AS "contact",
  "s"."raw_3" AS "visits",
  "s"."raw_4" AS "big",
  "s"."raw_5" AS "ref",
  "s"."raw_6" AS "either",
  "s"."raw_7" AS "zero",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" + "s"."raw_4" + "s"."raw_5" + "s"."raw_6" + "s"."raw_7" AS "total"
FROM (
  SELECT
    l."id",
    $p3 * COALESCE("p0"."n0", 0) AS "raw_0",
    $p5 * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN $p7 ELSE 0 END AS "raw_2",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= $p5
          )
      )
      THEN $p9
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= $p11
    ) THEN $p10 ELSE 0 END AS "raw_4",
    CASE WHEN l."id" IN (
      SELECT
        "id"
      FROM seg_0
    ) THEN $p12 ELSE 0 END AS "raw_5",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      OR (
        l."id" IN (
          SELECT
            e."lead_id"
          FROM "mail" AS e
          WHERE
            (
              e."occurred_at" <= $p1
            ) AND (
              COALESCE(e."kind__lower", e."kind") = $p14
            )
        )
      )
      THEN $p13
      ELSE 0
    END AS "raw_6",
    $p15 * COALESCE("p2"."n7", 0) AS "raw_7"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") = $p4
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p1
      ) AND (
        COALESCE(e."path__lower", e."path") = $p4
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = $p6
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = $p8
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= $p1
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = $p6
        )
        OR (
          COALESCE(e."form__lower", e."form") = $p8
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n7"
    FROM "activity" AS e
    WHERE
      (
        e."occurred_at" <= $p1
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p1
    )
) AS s;
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 2
-- p3 = 1
-- p4 = '/'
-- p5 = 3
-- p6 = 'whitepaper'
-- p7 = 50
-- p8 = 'contact'
-- p9 = 5
-- p10 = 10
-- p11 = 100
-- p12 = 20
-- p13 = -1.5
-- p14 = 'click'
-- p15 = 0

-- ## score rows modes · duckdb
WITH seg_0 AS (
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
          ) AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= $p2
          )
      )
    )
)
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p1"."n1", 0) AS "d1_0",
  CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 1 ELSE 0 END AS "d2_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p1
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= $p5
        )
    )
    THEN 1
    ELSE 0
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= $p11
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE WHEN l."id" IN (
    SELECT
      "id"
    FROM seg_0
  ) THEN 1 ELSE 0 END AS "d5_0",
  CASE
    WHEN (
      l."is_competitor" = TRUE
    )
    OR (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= $p1
          ) AND (
            COALESCE(e."kind__lower", e."kind") = $p14
          )
      )
    )
    THEN 1
    ELSE 0
  END AS "d6_0",
  COALESCE("p2"."n7", 0) AS "d7_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") = $p4
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p1
    ) AND (
      COALESCE(e."path__lower", e."path") = $p4
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = $p6
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = $p8
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= $p1
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = $p6
      )
      OR (
        COALESCE(e."form__lower", e."form") = $p8
      )
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n7"
  FROM "activity" AS e
  WHERE
    (
      e."occurred_at" <= $p1
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p1
  );
-- p1 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p2 = 2
-- p4 = '/'
-- p5 = 3
-- p6 = 'whitepaper'
-- p8 = 'contact'
-- p11 = 100
-- p14 = 'click'
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · spark
WITH seg_0 AS (
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
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `top`,
  `s`.`raw_1` AS `plain`,
  `s`.`raw_2` AS `contact`,
  `s`.`raw_3` AS `visits`,
  `s`.`raw_4` AS `big`,
  `s`.`raw_5` AS `ref`,
  `s`.`raw_6` AS `either`,
  `s`.`raw_7` AS `zero`,
  `s`.`raw_0` + `s`.`raw_1` + `s`.`raw_2` + `s`.`raw_3` + `s`.`raw_4` + `s`.`raw_5` + `s`.`raw_6` + `s`.`raw_7` AS `total`
FROM (
  SELECT
    l.`id`,
    1 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
    3 * COALESCE(`p1`.`n1`, 0) AS `raw_1`,
    CASE WHEN COALESCE(`p1`.`n2`, 0) > 0 THEN 50 ELSE 0 END AS `raw_2`,
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
      THEN 5
      ELSE 0
    END AS `raw_3`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_4`,
    CASE WHEN l.`id` IN (
      SELECT
        `id`
      FROM seg_0
    ) THEN 20 ELSE 0 END AS `raw_5`,
    CASE
      WHEN (
        l.`is_competitor` = TRUE
      )
      OR (
        l.`id` IN (
          SELECT
            e.`lead_id`
          FROM `mail` AS e
          WHERE
            (
              e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
            )
            AND (
              COALESCE(e.`kind__lower`, e.`kind`) = 'click'
            )
        )
      )
      THEN -1.5
      ELSE 0
    END AS `raw_6`,
    0 * COALESCE(`p2`.`n7`, 0) AS `raw_7`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(CASE WHEN (
        COALESCE(e.`path__lower`, e.`path`) = '/'
      ) THEN 1 END) AS `n0`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        COALESCE(e.`path__lower`, e.`path`) = '/'
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(CASE WHEN (
        COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
      ) THEN 1 END) AS `n1`,
      COUNT(CASE WHEN (
        COALESCE(e.`form__lower`, e.`form`) = 'contact'
      ) THEN 1 END) AS `n2`
    FROM `application` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        (
          COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
        )
        OR (
          COALESCE(e.`form__lower`, e.`form`) = 'contact'
        )
      )
    GROUP BY
      e.`lead_id`
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(1) AS `n7`
    FROM `activity` AS e
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

-- ## score rows modes · spark
WITH seg_0 AS (
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
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  COALESCE(`p1`.`n1`, 0) AS `d1_0`,
  CASE WHEN COALESCE(`p1`.`n2`, 0) > 0 THEN 1 ELSE 0 END AS `d2_0`,
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
  END AS `d3_0`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d4_0`,
  CASE WHEN l.`id` IN (
    SELECT
      `id`
    FROM seg_0
  ) THEN 1 ELSE 0 END AS `d5_0`,
  CASE
    WHEN (
      l.`is_competitor` = TRUE
    )
    OR (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `mail` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            COALESCE(e.`kind__lower`, e.`kind`) = 'click'
          )
      )
    )
    THEN 1
    ELSE 0
  END AS `d6_0`,
  COALESCE(`p2`.`n7`, 0) AS `d7_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(CASE WHEN (
      COALESCE(e.`path__lower`, e.`path`) = '/'
    ) THEN 1 END) AS `n0`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      COALESCE(e.`path__lower`, e.`path`) = '/'
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(CASE WHEN (
      COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
    ) THEN 1 END) AS `n1`,
    COUNT(CASE WHEN (
      COALESCE(e.`form__lower`, e.`form`) = 'contact'
    ) THEN 1 END) AS `n2`
  FROM `application` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      (
        COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
      )
      OR (
        COALESCE(e.`form__lower`, e.`form`) = 'contact'
      )
    )
  GROUP BY
    e.`lead_id`
) AS p1
  ON `p1`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(1) AS `n7`
  FROM `activity` AS e
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
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · bigquery
WITH seg_0 AS (
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
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  `s`.`id`,
  `s`.`raw_0` AS `top`,
  `s`.`raw_1` AS `plain`,
  `s`.`raw_2` AS `contact`,
  `s`.`raw_3` AS `visits`,
  `s`.`raw_4` AS `big`,
  `s`.`raw_5` AS `ref`,
  `s`.`raw_6` AS `either`,
  `s`.`raw_7` AS `zero`,
  `s`.`raw_0` + `s`.`raw_1` + `s`.`raw_2` + `s`.`raw_3` + `s`.`raw_4` + `s`.`raw_5` + `s`.`raw_6` + `s`.`raw_7` AS `total`
FROM (
  SELECT
    l.`id`,
    1 * COALESCE(`p0`.`n0`, 0) AS `raw_0`,
    3 * COALESCE(`p1`.`n1`, 0) AS `raw_1`,
    CASE WHEN COALESCE(`p1`.`n2`, 0) > 0 THEN 50 ELSE 0 END AS `raw_2`,
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
      THEN 5
      ELSE 0
    END AS `raw_3`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_4`,
    CASE WHEN l.`id` IN (
      SELECT
        `id`
      FROM seg_0
    ) THEN 20 ELSE 0 END AS `raw_5`,
    CASE
      WHEN (
        l.`is_competitor` = TRUE
      )
      OR (
        l.`id` IN (
          SELECT
            e.`lead_id`
          FROM `mail` AS e
          WHERE
            (
              e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
            )
            AND (
              COALESCE(e.`kind__lower`, e.`kind`) = 'click'
            )
        )
      )
      THEN -1.5
      ELSE 0
    END AS `raw_6`,
    0 * COALESCE(`p2`.`n7`, 0) AS `raw_7`
  FROM `lead` AS l
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(CASE WHEN (
        COALESCE(e.`path__lower`, e.`path`) = '/'
      ) THEN 1 END) AS `n0`
    FROM `tracking` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        COALESCE(e.`path__lower`, e.`path`) = '/'
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(CASE WHEN (
        COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
      ) THEN 1 END) AS `n1`,
      COUNT(CASE WHEN (
        COALESCE(e.`form__lower`, e.`form`) = 'contact'
      ) THEN 1 END) AS `n2`
    FROM `application` AS e
    WHERE
      (
        e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
      )
      AND (
        (
          COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
        )
        OR (
          COALESCE(e.`form__lower`, e.`form`) = 'contact'
        )
      )
    GROUP BY
      e.`lead_id`
  ) AS p1
    ON `p1`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(1) AS `n7`
    FROM `activity` AS e
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

-- ## score rows modes · bigquery
WITH seg_0 AS (
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
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  COALESCE(`p1`.`n1`, 0) AS `d1_0`,
  CASE WHEN COALESCE(`p1`.`n2`, 0) > 0 THEN 1 ELSE 0 END AS `d2_0`,
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
  END AS `d3_0`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d4_0`,
  CASE WHEN l.`id` IN (
    SELECT
      `id`
    FROM seg_0
  ) THEN 1 ELSE 0 END AS `d5_0`,
  CASE
    WHEN (
      l.`is_competitor` = TRUE
    )
    OR (
      l.`id` IN (
        SELECT
          e.`lead_id`
        FROM `mail` AS e
        WHERE
          (
            e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
          )
          AND (
            COALESCE(e.`kind__lower`, e.`kind`) = 'click'
          )
      )
    )
    THEN 1
    ELSE 0
  END AS `d6_0`,
  COALESCE(`p2`.`n7`, 0) AS `d7_0`
FROM `lead` AS l
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(CASE WHEN (
      COALESCE(e.`path__lower`, e.`path`) = '/'
    ) THEN 1 END) AS `n0`
  FROM `tracking` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      COALESCE(e.`path__lower`, e.`path`) = '/'
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(CASE WHEN (
      COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
    ) THEN 1 END) AS `n1`,
    COUNT(CASE WHEN (
      COALESCE(e.`form__lower`, e.`form`) = 'contact'
    ) THEN 1 END) AS `n2`
  FROM `application` AS e
  WHERE
    (
      e.`occurred_at` <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP)
    )
    AND (
      (
        COALESCE(e.`form__lower`, e.`form`) = 'whitepaper'
      )
      OR (
        COALESCE(e.`form__lower`, e.`form`) = 'contact'
      )
    )
  GROUP BY
    e.`lead_id`
) AS p1
  ON `p1`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(1) AS `n7`
  FROM `activity` AS e
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
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · snowflake
WITH seg_0 AS (
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
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  "s"."raw_1" AS "plain",
  "s"."raw_2" AS "contact",
  "s"."raw_3" AS "visits",
  "s"."raw_4" AS "big",
  "s"."raw_5" AS "ref",
  "s"."raw_6" AS "either",
  "s"."raw_7" AS "zero",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" + "s"."raw_4" + "s"."raw_5" + "s"."raw_6" + "s"."raw_7" AS "total"
FROM (
  SELECT
    l."id",
    1 * COALESCE("p0"."n0", 0) AS "raw_0",
    3 * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 50 ELSE 0 END AS "raw_2",
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
      THEN 5
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= 100
    ) THEN 10 ELSE 0 END AS "raw_4",
    CASE WHEN l."id" IN (
      SELECT
        "id"
      FROM seg_0
    ) THEN 20 ELSE 0 END AS "raw_5",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      OR (
        l."id" IN (
          SELECT
            e."lead_id"
          FROM "mail" AS e
          WHERE
            (
              e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
            )
            AND (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
        )
      )
      THEN -1.5
      ELSE 0
    END AS "raw_6",
    0 * COALESCE("p2"."n7", 0) AS "raw_7"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") = '/'
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        COALESCE(e."path__lower", e."path") = '/'
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = 'whitepaper'
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = 'contact'
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = 'whitepaper'
        )
        OR (
          COALESCE(e."form__lower", e."form") = 'contact'
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n7"
    FROM "activity" AS e
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

-- ## score rows modes · snowflake
WITH seg_0 AS (
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
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p1"."n1", 0) AS "d1_0",
  CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 1 ELSE 0 END AS "d2_0",
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
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE WHEN l."id" IN (
    SELECT
      "id"
    FROM seg_0
  ) THEN 1 ELSE 0 END AS "d5_0",
  CASE
    WHEN (
      l."is_competitor" = TRUE
    )
    OR (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
          )
          AND (
            COALESCE(e."kind__lower", e."kind") = 'click'
          )
      )
    )
    THEN 1
    ELSE 0
  END AS "d6_0",
  COALESCE("p2"."n7", 0) AS "d7_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") = '/'
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      COALESCE(e."path__lower", e."path") = '/'
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = 'whitepaper'
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = 'contact'
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMPTZ)
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = 'whitepaper'
      )
      OR (
        COALESCE(e."form__lower", e."form") = 'contact'
      )
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n7"
  FROM "activity" AS e
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
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · trino
WITH seg_0 AS (
  SELECT
    l."id"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
          )
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  "s"."id",
  "s"."raw_0" AS "top",
  "s"."raw_1" AS "plain",
  "s"."raw_2" AS "contact",
  "s"."raw_3" AS "visits",
  "s"."raw_4" AS "big",
  "s"."raw_5" AS "ref",
  "s"."raw_6" AS "either",
  "s"."raw_7" AS "zero",
  "s"."raw_0" + "s"."raw_1" + "s"."raw_2" + "s"."raw_3" + "s"."raw_4" + "s"."raw_5" + "s"."raw_6" + "s"."raw_7" AS "total"
FROM (
  SELECT
    l."id",
    1 * COALESCE("p0"."n0", 0) AS "raw_0",
    3 * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 50 ELSE 0 END AS "raw_2",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
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
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= 100
    ) THEN 10 ELSE 0 END AS "raw_4",
    CASE WHEN l."id" IN (
      SELECT
        "id"
      FROM seg_0
    ) THEN 20 ELSE 0 END AS "raw_5",
    CASE
      WHEN (
        l."is_competitor" = TRUE
      )
      OR (
        l."id" IN (
          SELECT
            e."lead_id"
          FROM "mail" AS e
          WHERE
            (
              e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
            )
            AND (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
        )
      )
      THEN -1.5
      ELSE 0
    END AS "raw_6",
    0 * COALESCE("p2"."n7", 0) AS "raw_7"
  FROM "lead" AS l
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."path__lower", e."path") = '/'
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
      )
      AND (
        COALESCE(e."path__lower", e."path") = '/'
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = 'whitepaper'
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = 'contact'
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = 'whitepaper'
        )
        OR (
          COALESCE(e."form__lower", e."form") = 'contact'
        )
      )
    GROUP BY
      e."lead_id"
  ) AS p1
    ON "p1"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(1) AS "n7"
    FROM "activity" AS e
    WHERE
      (
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
    )
) AS s;

-- ## score rows modes · trino
WITH seg_0 AS (
  SELECT
    l."id"
  FROM "lead" AS l
  WHERE
    (
      l."created_at" IS NULL
      OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
    )
    AND (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
          )
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= 2
          )
      )
    )
)
SELECT
  l."id",
  COALESCE("p0"."n0", 0) AS "d0_0",
  COALESCE("p1"."n1", 0) AS "d1_0",
  CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN 1 ELSE 0 END AS "d2_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
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
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE WHEN l."id" IN (
    SELECT
      "id"
    FROM seg_0
  ) THEN 1 ELSE 0 END AS "d5_0",
  CASE
    WHEN (
      l."is_competitor" = TRUE
    )
    OR (
      l."id" IN (
        SELECT
          e."lead_id"
        FROM "mail" AS e
        WHERE
          (
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
          )
          AND (
            COALESCE(e."kind__lower", e."kind") = 'click'
          )
      )
    )
    THEN 1
    ELSE 0
  END AS "d6_0",
  COALESCE("p2"."n7", 0) AS "d7_0"
FROM "lead" AS l
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."path__lower", e."path") = '/'
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
    )
    AND (
      COALESCE(e."path__lower", e."path") = '/'
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = 'whitepaper'
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = 'contact'
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = 'whitepaper'
      )
      OR (
        COALESCE(e."form__lower", e."form") = 'contact'
      )
    )
  GROUP BY
    e."lead_id"
) AS p1
  ON "p1"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(1) AS "n7"
  FROM "activity" AS e
  WHERE
    (
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL
    OR l."created_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP WITH TIME ZONE)
  );
-- kinds: per, per, once, once, once, once, once, per
