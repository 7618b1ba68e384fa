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
    :p1 * COALESCE("p0"."n0", 0) AS "raw_0",
    :p3 * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN :p5 ELSE 0 END AS "raw_2",
    CASE
      WHEN EXISTS(
        SELECT
          1
        FROM "tracking" AS e
        WHERE
          (
            e."lead_id" = l."id"
          ) AND (
            e."occurred_at" <= :p8
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= :p3
          )
      )
      THEN :p7
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= :p10
    ) THEN :p9 ELSE 0 END AS "raw_4",
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
            e."occurred_at" <= :p8
          )
          AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= :p12
          )
      )
      THEN :p11
      ELSE 0
    END AS "raw_5",
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
              e."occurred_at" <= :p8
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
        COALESCE(e."path__lower", e."path") = :p2
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= :p8
      ) AND (
        COALESCE(e."path__lower", e."path") = :p2
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = :p4
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = :p6
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= :p8
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = :p4
        )
        OR (
          COALESCE(e."form__lower", e."form") = :p6
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
        e."occurred_at" <= :p8
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= :p8
    )
) AS s;
-- p1 = 1
-- p2 = '/'
-- p3 = 3
-- p4 = 'whitepaper'
-- p5 = 50
-- p6 = 'contact'
-- p7 = 5
-- p8 = 1774958400000000
-- p9 = 10
-- p10 = 100
-- p11 = 20
-- p12 = 2
-- p13 = -1.5
-- p14 = 'click'
-- p15 = 0

-- ## score rows modes · sqlite
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
          e."occurred_at" <= :p8
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= :p3
        )
    )
    THEN 1
    ELSE 0
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= :p10
  ) THEN 1 ELSE 0 END AS "d4_0",
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
          e."occurred_at" <= :p8
        )
        AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= :p12
        )
    )
    THEN 1
    ELSE 0
  END AS "d5_0",
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
            e."occurred_at" <= :p8
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
      COALESCE(e."path__lower", e."path") = :p2
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= :p8
    ) AND (
      COALESCE(e."path__lower", e."path") = :p2
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = :p4
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = :p6
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= :p8
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = :p4
      )
      OR (
        COALESCE(e."form__lower", e."form") = :p6
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
      e."occurred_at" <= :p8
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= :p8
  );
-- p2 = '/'
-- p3 = 3
-- p4 = 'whitepaper'
-- p6 = 'contact'
-- p8 = 1774958400000000
-- p10 = 100
-- p12 = 2
-- p14 = 'click'
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · postgres
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
    %(p1)s * COALESCE("p0"."n0", 0) AS "raw_0",
    %(p3)s * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN %(p5)s ELSE 0 END AS "raw_2",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p8)s
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= %(p3)s
          )
      )
      THEN %(p7)s
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= %(p10)s
    ) THEN %(p9)s ELSE 0 END AS "raw_4",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= %(p8)s
          ) AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= %(p12)s
          )
      )
      THEN %(p11)s
      ELSE 0
    END AS "raw_5",
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
              e."occurred_at" <= %(p8)s
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
        COALESCE(e."path__lower", e."path") = %(p2)s
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= %(p8)s
      )
      AND (
        COALESCE(e."path__lower", e."path") = %(p2)s
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = %(p4)s
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", e."form") = %(p6)s
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= %(p8)s
      )
      AND (
        (
          COALESCE(e."form__lower", e."form") = %(p4)s
        )
        OR (
          COALESCE(e."form__lower", e."form") = %(p6)s
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
        e."occurred_at" <= %(p8)s
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= %(p8)s
    )
) AS s;
-- p1 = 1
-- p2 = '/'
-- p3 = 3
-- p4 = 'whitepaper'
-- p5 = 50
-- p6 = 'contact'
-- p7 = 5
-- p8 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p9 = 10
-- p10 = 100
-- p11 = 20
-- p12 = 2
-- p13 = -1.5
-- p14 = 'click'
-- p15 = 0

-- ## score rows modes · postgres
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
          e."occurred_at" <= %(p8)s
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= %(p3)s
        )
    )
    THEN 1
    ELSE 0
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= %(p10)s
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= %(p8)s
        ) AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= %(p12)s
        )
    )
    THEN 1
    ELSE 0
  END AS "d5_0",
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
            e."occurred_at" <= %(p8)s
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
      COALESCE(e."path__lower", e."path") = %(p2)s
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= %(p8)s
    )
    AND (
      COALESCE(e."path__lower", e."path") = %(p2)s
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = %(p4)s
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", e."form") = %(p6)s
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= %(p8)s
    )
    AND (
      (
        COALESCE(e."form__lower", e."form") = %(p4)s
      )
      OR (
        COALESCE(e."form__lower", e."form") = %(p6)s
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
      e."occurred_at" <= %(p8)s
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= %(p8)s
  );
-- p2 = '/'
-- p3 = 3
-- p4 = 'whitepaper'
-- p6 = 'contact'
-- p8 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p10 = 100
-- p12 = 2
-- p14 = 'click'
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · duckdb
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
    $p1 * COALESCE("p0"."n0", 0) AS "raw_0",
    $p3 * COALESCE("p1"."n1", 0) AS "raw_1",
    CASE WHEN COALESCE("p1"."n2", 0) > 0 THEN $p5 ELSE 0 END AS "raw_2",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p8
          )
        GROUP BY
          e."lead_id"
        HAVING
          (
            COUNT(*) >= $p3
          )
      )
      THEN $p7
      ELSE 0
    END AS "raw_3",
    CASE WHEN (
      l."employees" >= $p10
    ) THEN $p9 ELSE 0 END AS "raw_4",
    CASE
      WHEN l."id" IN (
        SELECT
          e."lead_id"
        FROM "tracking" AS e
        WHERE
          (
            e."occurred_at" <= $p8
          ) AND (
            NOT e."session" IS NULL
          )
        GROUP BY
          e."lead_id",
          e."session"
        HAVING
          (
            COUNT(*) >= $p12
          )
      )
      THEN $p11
      ELSE 0
    END AS "raw_5",
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
              e."occurred_at" <= $p8
            )
            AND (
              COALESCE(e."kind__lower", LOWER(e."kind")) = $p14
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
        COALESCE(e."path__lower", LOWER(e."path")) = $p2
      ) THEN 1 END) AS "n0"
    FROM "tracking" AS e
    WHERE
      (
        e."occurred_at" <= $p8
      )
      AND (
        COALESCE(e."path__lower", LOWER(e."path")) = $p2
      )
    GROUP BY
      e."lead_id"
  ) AS p0
    ON "p0"."lead_id" = l."id"
  LEFT JOIN (
    SELECT
      e."lead_id",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", LOWER(e."form")) = $p4
      ) THEN 1 END) AS "n1",
      COUNT(CASE WHEN (
        COALESCE(e."form__lower", LOWER(e."form")) = $p6
      ) THEN 1 END) AS "n2"
    FROM "application" AS e
    WHERE
      (
        e."occurred_at" <= $p8
      )
      AND (
        (
          COALESCE(e."form__lower", LOWER(e."form")) = $p4
        )
        OR (
          COALESCE(e."form__lower", LOWER(e."form")) = $p6
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
        e."occurred_at" <= $p8
      )
    GROUP BY
      e."lead_id"
  ) AS p2
    ON "p2"."lead_id" = l."id"
  WHERE
    (
      l."created_at" IS NULL OR l."created_at" <= $p8
    )
) AS s;
-- p1 = 1
-- p2 = '/'
-- p3 = 3
-- p4 = 'whitepaper'
-- p5 = 50
-- p6 = 'contact'
-- p7 = 5
-- p8 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p9 = 10
-- p10 = 100
-- p11 = 20
-- p12 = 2
-- p13 = -1.5
-- p14 = 'click'
-- p15 = 0

-- ## score rows modes · duckdb
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
          e."occurred_at" <= $p8
        )
      GROUP BY
        e."lead_id"
      HAVING
        (
          COUNT(*) >= $p3
        )
    )
    THEN 1
    ELSE 0
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= $p10
  ) THEN 1 ELSE 0 END AS "d4_0",
  CASE
    WHEN l."id" IN (
      SELECT
        e."lead_id"
      FROM "tracking" AS e
      WHERE
        (
          e."occurred_at" <= $p8
        ) AND (
          NOT e."session" IS NULL
        )
      GROUP BY
        e."lead_id",
        e."session"
      HAVING
        (
          COUNT(*) >= $p12
        )
    )
    THEN 1
    ELSE 0
  END AS "d5_0",
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
            e."occurred_at" <= $p8
          )
          AND (
            COALESCE(e."kind__lower", LOWER(e."kind")) = $p14
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
      COALESCE(e."path__lower", LOWER(e."path")) = $p2
    ) THEN 1 END) AS "n0"
  FROM "tracking" AS e
  WHERE
    (
      e."occurred_at" <= $p8
    )
    AND (
      COALESCE(e."path__lower", LOWER(e."path")) = $p2
    )
  GROUP BY
    e."lead_id"
) AS p0
  ON "p0"."lead_id" = l."id"
LEFT JOIN (
  SELECT
    e."lead_id",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", LOWER(e."form")) = $p4
    ) THEN 1 END) AS "n1",
    COUNT(CASE WHEN (
      COALESCE(e."form__lower", LOWER(e."form")) = $p6
    ) THEN 1 END) AS "n2"
  FROM "application" AS e
  WHERE
    (
      e."occurred_at" <= $p8
    )
    AND (
      (
        COALESCE(e."form__lower", LOWER(e."form")) = $p4
      )
      OR (
        COALESCE(e."form__lower", LOWER(e."form")) = $p6
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
      e."occurred_at" <= $p8
    )
  GROUP BY
    e."lead_id"
) AS p2
  ON "p2"."lead_id" = l."id"
WHERE
  (
    l."created_at" IS NULL OR l."created_at" <= $p8
  );
-- p2 = '/'
-- p3 = 3
-- p4 = 'whitepaper'
-- p6 = 'contact'
-- p8 = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.timezone.utc)
-- p10 = 100
-- p12 = 2
-- p14 = 'click'
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · spark
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
      THEN 5
      ELSE 0
    END AS `raw_3`,
    CASE WHEN (
      l.`employees` >= 100
    ) THEN 10 ELSE 0 END AS `raw_4`,
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
            ) AND (
              NOT e.`session` IS NULL
            )
          GROUP BY
            e.`lead_id`,
            e.`session`
          HAVING
            (
              COUNT(*) >= 2
            )
        ) AS lr_probe_2(lr_k)
        WHERE
          lr_probe_2.lr_k = l.`id`
      )
      THEN 20
      ELSE 0
    END AS `raw_5`,
    CASE
      WHEN (
        l.`is_competitor` = TRUE
      )
      OR (
        EXISTS(
          SELECT
            1
          FROM (
            SELECT
              e.`lead_id`
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
          ) AS lr_probe_3(lr_k)
          WHERE
            lr_probe_3.lr_k = l.`id`
        )
      )
      THEN CAST(-1.5 AS DOUBLE)
      ELSE 0
    END AS `raw_6`,
    0 * COALESCE(`p2`.`n7`, 0) AS `raw_7`
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
      COUNT(CASE WHEN (
        COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
      ) THEN 1 END) AS `n0`
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
        COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
      )
    GROUP BY
      e.`lead_id`
  ) AS p0
    ON `p0`.`lead_id` = l.`id`
  LEFT JOIN (
    SELECT
      e.`lead_id`,
      COUNT(
        CASE
          WHEN (
            COALESCE(e.`form__lower`, e.`form`) = LOWER('whitepaper')
          )
          THEN 1
        END
      ) AS `n1`,
      COUNT(
        CASE WHEN (
          COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
        ) THEN 1 END
      ) AS `n2`
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
        (
          COALESCE(e.`form__lower`, e.`form`) = LOWER('whitepaper')
        )
        OR (
          COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
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
    FROM (
      SELECT
        NULLIF(`actor`, '') AS `actor`,
        LOWER(NULLIF(`actor`, '')) AS `actor__lower`,
        NULLIF(`content`, '') AS `content`,
        LOWER(NULLIF(`content`, '')) AS `content__lower`,
        NULLIF(`id`, '') AS `id`,
        LOWER(NULLIF(`id`, '')) AS `id__lower`,
        NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
        LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
        UNIX_MICROS(`occurred_at`) AS `occurred_at`,
        NULLIF(`result`, '') AS `result`,
        LOWER(NULLIF(`result`, '')) AS `result__lower`,
        NULLIF(`source`, '') AS `source`,
        LOWER(NULLIF(`source`, '')) AS `source__lower`,
        NULLIF(`type`, '') AS `type`,
        LOWER(NULLIF(`type`, '')) AS `type__lower`
      FROM `activity`
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

-- ## score rows modes · spark
SELECT
  l.`id`,
  COALESCE(`p0`.`n0`, 0) AS `d0_0`,
  COALESCE(`p1`.`n1`, 0) AS `d1_0`,
  CASE WHEN COALESCE(`p1`.`n2`, 0) > 0 THEN 1 ELSE 0 END AS `d2_0`,
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
  END AS `d3_0`,
  CASE WHEN (
    l.`employees` >= 100
  ) THEN 1 ELSE 0 END AS `d4_0`,
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
          ) AND (
            NOT e.`session` IS NULL
          )
        GROUP BY
          e.`lead_id`,
          e.`session`
        HAVING
          (
            COUNT(*) >= 2
          )
      ) AS lr_probe_2(lr_k)
      WHERE
        lr_probe_2.lr_k = l.`id`
    )
    THEN 1
    ELSE 0
  END AS `d5_0`,
  CASE
    WHEN (
      l.`is_competitor` = TRUE
    )
    OR (
      EXISTS(
        SELECT
          1
        FROM (
          SELECT
            e.`lead_id`
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
        ) AS lr_probe_3(lr_k)
        WHERE
          lr_probe_3.lr_k = l.`id`
      )
    )
    THEN 1
    ELSE 0
  END AS `d6_0`,
  COALESCE(`p2`.`n7`, 0) AS `d7_0`
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
    COUNT(CASE WHEN (
      COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
    ) THEN 1 END) AS `n0`
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
      COALESCE(e.`path__lower`, e.`path`) = LOWER('/')
    )
  GROUP BY
    e.`lead_id`
) AS p0
  ON `p0`.`lead_id` = l.`id`
LEFT JOIN (
  SELECT
    e.`lead_id`,
    COUNT(
      CASE
        WHEN (
          COALESCE(e.`form__lower`, e.`form`) = LOWER('whitepaper')
        )
        THEN 1
      END
    ) AS `n1`,
    COUNT(
      CASE WHEN (
        COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
      ) THEN 1 END
    ) AS `n2`
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
      (
        COALESCE(e.`form__lower`, e.`form`) = LOWER('whitepaper')
      )
      OR (
        COALESCE(e.`form__lower`, e.`form`) = LOWER('contact')
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
  FROM (
    SELECT
      NULLIF(`actor`, '') AS `actor`,
      LOWER(NULLIF(`actor`, '')) AS `actor__lower`,
      NULLIF(`content`, '') AS `content`,
      LOWER(NULLIF(`content`, '')) AS `content__lower`,
      NULLIF(`id`, '') AS `id`,
      LOWER(NULLIF(`id`, '')) AS `id__lower`,
      NULLIF(CAST(`lead_id` AS STRING), '') AS `lead_id`,
      LOWER(NULLIF(CAST(`lead_id` AS STRING), '')) AS `lead_id__lower`,
      UNIX_MICROS(`occurred_at`) AS `occurred_at`,
      NULLIF(`result`, '') AS `result`,
      LOWER(NULLIF(`result`, '')) AS `result__lower`,
      NULLIF(`source`, '') AS `source`,
      LOWER(NULLIF(`source`, '')) AS `source__lower`,
      NULLIF(`type`, '') AS `type`,
      LOWER(NULLIF(`type`, '')) AS `type__lower`
    FROM `activity`
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
-- kinds: per, per, once, once, once, once, once, per

-- ## scoring modes · bigquery
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
      THEN 20
      ELSE 0
    END AS `raw_5`,
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
    THEN 1
    ELSE 0
  END AS `d5_0`,
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
      THEN 20
      ELSE 0
    END AS "raw_5",
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
      THEN CAST(-1.5 AS DOUBLE)
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
    THEN 1
    ELSE 0
  END AS "d5_0",
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
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
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
      THEN 20
      ELSE 0
    END AS "raw_5",
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
              e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
            )
            AND (
              COALESCE(e."kind__lower", e."kind") = 'click'
            )
        )
      )
      THEN CAST(-1.5 AS DOUBLE)
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
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
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
        e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
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

-- ## score rows modes · trino
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
  END AS "d3_0",
  CASE WHEN (
    l."employees" >= 100
  ) THEN 1 ELSE 0 END AS "d4_0",
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
    THEN 1
    ELSE 0
  END AS "d5_0",
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
            e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
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
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
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
      e."occurred_at" <= CAST('2026-03-31 12:00:00+00:00' AS TIMESTAMP(6) WITH TIME ZONE)
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
-- kinds: per, per, once, once, once, once, once, per
