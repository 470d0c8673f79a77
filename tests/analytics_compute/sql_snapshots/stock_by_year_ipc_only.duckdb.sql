WITH "t15" AS (
  SELECT
    *
  FROM (
    SELECT
      "t13"."pub_number",
      CASE
        WHEN (
          UPPER(TRIM("t13"."app_number", ' 	
')) IS NOT NULL
        )
        AND (
          LENGTH(UPPER(TRIM("t13"."app_number", ' 	
'))) > 0
        )
        THEN UPPER(TRIM("t13"."app_number", ' 	
'))
        ELSE 'pub:' || "t13"."pub_number"
      END AS "patent",
      "t13"."region",
      COALESCE("t13"."kind" = 'invention', FALSE) AS "is_invention",
      "t13"."grant_date" IS NOT NULL AS "has_grant",
      EXTRACT(year FROM "t13"."app_date") AS "app_year",
      EXTRACT(year FROM "t13"."grant_date") AS "grant_year",
      COALESCE(EXTRACT(year FROM "t13"."lapse_date"), 9999) AS "lapse_year",
      COALESCE(
        EXTRACT(year FROM "t13"."app_date") + 10 + CASE
          WHEN (
            EXTRACT(month FROM "t13"."app_date") = 12
          )
          AND (
            EXTRACT(day FROM "t13"."app_date") = 31
          )
          THEN 1
          ELSE 0
        END,
        9999
      ) AS "maint_year",
      COALESCE(
        (
          "t13"."status" = 'invalid'
        )
        AND (
          "t13"."lapse_date" IS NULL
        )
        AND (
          "t13"."grant_date" IS NOT NULL
        ),
        FALSE
      ) AS "invalid_without_lapse",
      COALESCE(
        (
          "t13"."family_granted_offices" IS NOT NULL
        )
        AND (
          LENGTH("t13"."family_granted_offices") > 0
        ),
        FALSE
      ) AS "overseas_family",
      COALESCE("t13"."pledge_amount" >= 1000000.0, FALSE) AS "pledge",
      COALESCE((
        "t13"."award" IS NOT NULL
      ) AND (
        LENGTH("t13"."award") > 0
      ), FALSE) AS "award",
      COALESCE("t13"."pct", FALSE) AS "is_pct",
      "t13"."ipc",
      CASE
        WHEN SUBSTRING(
          "t13"."region",
          CASE WHEN (
            2 + 1
          ) >= 1 THEN 2 + 1 ELSE 2 + 1 + LENGTH("t13"."region") END,
          2
        ) <> '00'
        THEN SUBSTRING(
          "t13"."region",
          CASE WHEN (
            0 + 1
          ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t13"."region") END,
          4
        ) || '00'
        ELSE CAST(NULL AS TEXT)
      END AS "region_key"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t2"."pub_number",
          "t2"."office",
          "t2"."app_number",
          "t2"."kind",
          "t2"."app_date",
          "t2"."grant_date",
          "t2"."lapse_date",
          "t2"."status",
          "t2"."first_applicant_country",
          "t2"."first_applicant_address",
          "t2"."region_code",
          "t2"."ipc",
          "t2"."family_granted_offices",
          "t2"."pct",
          "t2"."pledge_amount",
          "t2"."award",
          "t2"."region_code" AS "region"
        FROM "records" AS "t2"
        WHERE
          COALESCE(LENGTH("t2"."region_code") = 6, FALSE)
      ) AS "t11"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t8"."pub_number",
          "t8"."office",
          "t8"."app_number",
          "t8"."kind",
          "t8"."app_date",
          "t8"."grant_date",
          "t8"."lapse_date",
          "t8"."status",
          "t8"."first_applicant_country",
          "t8"."first_applicant_address",
          "t8"."region_code",
          "t8"."ipc",
          "t8"."family_granted_offices",
          "t8"."pct",
          "t8"."pledge_amount",
          "t8"."award",
          "t9"."derived_region" AS "region"
        FROM "uncoded_records" AS "t8"
        INNER JOIN "memtable_1" AS "t9"
          ON "t8"."first_applicant_address" = "t9"."address"
      ) AS "t12"
    ) AS "t13"
    WHERE
      COALESCE("t13"."office" = 'CN', FALSE)
      AND COALESCE("t13"."first_applicant_country" = 'CN', FALSE)
  ) AS "t14"
  WHERE
    "t14"."is_invention" AND "t14"."has_grant" AND "t14"."region_key" IS NOT NULL
), "t18" AS (
  SELECT
    "t16"."pub_number",
    UNNEST(STR_SPLIT_REGEX("t16"."ipc", '\|')) AS "raw"
  FROM "t15" AS "t16"
), "t22" AS (
  SELECT
    "t21"."raw",
    UPPER(REGEXP_REPLACE("t21"."raw", '\s+', '', 'g')) AS "sym"
  FROM (
    SELECT DISTINCT
      "t19"."raw"
    FROM "t18" AS "t19"
  ) AS "t21"
), "t45" AS (
  SELECT
    "t17"."pub_number",
    "t17"."patent",
    "t17"."region",
    "t17"."is_invention",
    "t17"."has_grant",
    "t17"."app_year",
    "t17"."grant_year",
    "t17"."lapse_year",
    "t17"."maint_year",
    "t17"."invalid_without_lapse",
    "t17"."overseas_family",
    "t17"."pledge",
    "t17"."award",
    "t17"."is_pct",
    "t17"."ipc",
    "t17"."region_key",
    "t44"."sei_hit" IS NOT NULL AS "sei"
  FROM "t15" AS "t17"
  LEFT OUTER JOIN (
    SELECT
      "t42"."pub_number",
      TRUE AS "sei_hit"
    FROM (
      SELECT DISTINCT
        "t41"."pub_number"
      FROM (
        SELECT DISTINCT
          *
        FROM (
          SELECT
            "t20"."pub_number",
            "t39"."rule_id"
          FROM "t18" AS "t20"
          INNER JOIN (
            SELECT
              "t28"."raw",
              "t37"."rule_id"
            FROM (
              SELECT
                *
              FROM "t22" AS "t23"
              WHERE
                "t23"."sym" <> ''
            ) AS "t28"
            INNER JOIN (
              SELECT
                "t35"."sym",
                "t35"."rule_id"
              FROM (
                SELECT
                  "t34"."sym",
                  "t34"."rule_id",
                  BOOL_OR(CAST(NOT (
                    "t34"."is_exclusion"
                  ) AS BOOLEAN)) AS "covered",
                  BOOL_OR(CAST("t34"."is_exclusion" AS BOOLEAN)) AS "excluded"
                FROM (
                  SELECT
                    "t33"."sym",
                    "t10"."rule_id",
                    "t10"."is_exclusion"
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t23"."sym",
                          'class' AS "level",
                          SUBSTRING(
                            "t23"."sym",
                            CASE WHEN (
                              0 + 1
                            ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t23"."sym") END,
                            3
                          ) AS "key"
                        FROM "t22" AS "t23"
                        WHERE
                          "t23"."sym" <> ''
                      ) AS "t25"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t23"."sym",
                          'subclass' AS "level",
                          SUBSTRING(
                            "t23"."sym",
                            CASE WHEN (
                              0 + 1
                            ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t23"."sym") END,
                            4
                          ) AS "key"
                        FROM "t22" AS "t23"
                        WHERE
                          "t23"."sym" <> ''
                      ) AS "t26"
                    ) AS "t29"
                    UNION ALL
                    SELECT
                      *
                    FROM (
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t23"."sym",
                          'main_group' AS "level",
                          LIST_EXTRACT(STR_SPLIT("t23"."sym", '/'), 1) AS "key"
                        FROM "t22" AS "t23"
                        WHERE
                          "t23"."sym" <> '' AND LENGTH(LIST_EXTRACT(STR_SPLIT("t23"."sym", '/'), 1)) > 4
                      ) AS "t30"
                      UNION ALL
                      SELECT
                        *
                      FROM (
                        SELECT
                          "t23"."sym",
                          'symbol' AS "level",
                          "t23"."sym" AS "key"
                        FROM "t22" AS "t23"
                        WHERE
                          "t23"."sym" <> '' AND CONTAINS("t23"."sym", '/')
                      ) AS "t27"
                    ) AS "t31"
                  ) AS "t33"
                  INNER JOIN "memtable_2" AS "t10"
                    ON "t33"."level" = "t10"."level" AND "t33"."key" = "t10"."key"
                ) AS "t34"
                GROUP BY
                  1,
                  2
              ) AS "t35"
              WHERE
                "t35"."covered" AND NOT (
                  "t35"."excluded"
                )
            ) AS "t37"
              ON "t28"."sym" = "t37"."sym"
          ) AS "t39"
            ON "t20"."raw" = "t39"."raw"
        ) AS "t40"
      ) AS "t41"
    ) AS "t42"
  ) AS "t44"
    ON "t17"."pub_number" = "t44"."pub_number"
), "t48" AS (
  SELECT
    "t46"."region_key",
    "t46"."patent",
    BOOL_OR(CAST(NOT (
      "t46"."invalid_without_lapse"
    ) AS BOOLEAN)) AS "in_stock",
    MIN("t46"."grant_year") FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "first_grant",
    MAX("t46"."grant_year") FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "last_grant",
    MIN("t46"."lapse_year") FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "first_lapse",
    MAX("t46"."lapse_year") FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "last_lapse",
    MIN("t46"."maint_year") FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "maint_year",
    BOOL_OR(CAST("t46"."sei" AS BOOLEAN)) FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "sei",
    BOOL_OR(CAST("t46"."overseas_family" AS BOOLEAN)) FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "overseas_family",
    BOOL_OR(CAST("t46"."pledge" AS BOOLEAN)) FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "pledge",
    BOOL_OR(CAST("t46"."award" AS BOOLEAN)) FILTER(WHERE
      NOT (
        "t46"."invalid_without_lapse"
      )) AS "award",
    MIN("t46"."grant_year") AS "first_grant_any",
    MAX("t46"."grant_year") AS "last_grant_any"
  FROM "t45" AS "t46"
  GROUP BY
    1,
    2
)
SELECT
  "t75"."region_key",
  "t75"."year",
  SUM("t75"."invention_valid") AS "invention_valid",
  SUM("t75"."high_value") AS "high_value",
  SUM("t75"."hv_sei") AS "hv_sei",
  SUM("t75"."hv_overseas_family") AS "hv_overseas_family",
  SUM("t75"."hv_maintained_10y") AS "hv_maintained_10y",
  SUM("t75"."hv_pledge") AS "hv_pledge",
  SUM("t75"."hv_award") AS "hv_award",
  SUM("t75"."invention_grants") AS "invention_grants"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t73"."region_key",
      "t73"."year",
      "t73"."invention_valid",
      "t73"."high_value",
      "t73"."hv_sei",
      "t73"."hv_overseas_family",
      "t73"."hv_maintained_10y",
      "t73"."hv_pledge",
      "t73"."hv_award",
      0 AS "invention_grants"
    FROM (
      SELECT
        "t72"."region_key",
        "t72"."year",
        SUM("t72"."n") AS "invention_valid",
        SUM(
          CASE
            WHEN "t72"."sei"
            OR "t72"."overseas_family"
            OR "t72"."maintained_10y"
            OR "t72"."pledge"
            OR "t72"."award"
            THEN "t72"."n"
            ELSE 0
          END
        ) AS "high_value",
        SUM(CASE WHEN "t72"."sei" THEN "t72"."n" ELSE 0 END) AS "hv_sei",
        SUM(CASE WHEN "t72"."overseas_family" THEN "t72"."n" ELSE 0 END) AS "hv_overseas_family",
        SUM(CASE WHEN "t72"."maintained_10y" THEN "t72"."n" ELSE 0 END) AS "hv_maintained_10y",
        SUM(CASE WHEN "t72"."pledge" THEN "t72"."n" ELSE 0 END) AS "hv_pledge",
        SUM(CASE WHEN "t72"."award" THEN "t72"."n" ELSE 0 END) AS "hv_award"
      FROM (
        SELECT
          "t70"."region_key",
          "t70"."year",
          "t70"."maint_year",
          "t70"."sei",
          "t70"."overseas_family",
          "t70"."pledge",
          "t70"."award",
          "t70"."n",
          "t70"."year" >= "t70"."maint_year" AS "maintained_10y"
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t63"."region_key",
              "t63"."year",
              "t63"."maint_year",
              "t63"."sei",
              "t63"."overseas_family",
              "t63"."pledge",
              "t63"."award",
              "t63"."n"
            FROM (
              SELECT
                "t58"."region_key",
                "t58"."grant_year",
                "t58"."lapse_year",
                "t58"."maint_year",
                "t58"."sei",
                "t58"."overseas_family",
                "t58"."pledge",
                "t58"."award",
                "t58"."n",
                "t6"."year"
              FROM (
                SELECT
                  "t54"."region_key",
                  "t54"."first_grant" AS "grant_year",
                  "t54"."last_lapse" AS "lapse_year",
                  "t54"."maint_year",
                  "t54"."sei",
                  "t54"."overseas_family",
                  "t54"."pledge",
                  "t54"."award",
                  COUNT(*) AS "n"
                FROM (
                  SELECT
                    *
                  FROM "t48" AS "t50"
                  WHERE
                    "t50"."in_stock" AND "t50"."last_grant" <= "t50"."first_lapse"
                ) AS "t54"
                GROUP BY
                  1,
                  2,
                  3,
                  4,
                  5,
                  6,
                  7,
                  8
              ) AS "t58"
              INNER JOIN "memtable_3" AS "t6"
                ON "t58"."grant_year" <= "t6"."year" AND "t58"."lapse_year" > "t6"."year"
            ) AS "t63"
          ) AS "t66"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              "t65"."region_key",
              "t65"."year",
              "t56"."maint_year",
              "t56"."sei",
              "t56"."overseas_family",
              "t56"."pledge",
              "t56"."award",
              1 AS "n"
            FROM (
              SELECT DISTINCT
                *
              FROM (
                SELECT
                  "t49"."region_key",
                  "t49"."patent",
                  "t7"."year"
                FROM (
                  SELECT
                    "t46"."region_key",
                    "t46"."patent",
                    "t46"."grant_year",
                    "t46"."lapse_year"
                  FROM "t45" AS "t46"
                  WHERE
                    NOT (
                      "t46"."invalid_without_lapse"
                    )
                ) AS "t49"
                SEMI JOIN (
                  SELECT
                    *
                  FROM "t48" AS "t50"
                  WHERE
                    "t50"."in_stock" AND "t50"."last_grant" > "t50"."first_lapse"
                ) AS "t56"
                  ON "t49"."region_key" = "t56"."region_key" AND "t49"."patent" = "t56"."patent"
                INNER JOIN "memtable_4" AS "t7"
                  ON "t49"."grant_year" <= "t7"."year" AND "t49"."lapse_year" > "t7"."year"
              ) AS "t60"
            ) AS "t65"
            INNER JOIN (
              SELECT
                *
              FROM "t48" AS "t50"
              WHERE
                "t50"."in_stock" AND "t50"."last_grant" > "t50"."first_lapse"
            ) AS "t56"
              ON "t65"."region_key" = "t56"."region_key" AND "t65"."patent" = "t56"."patent"
          ) AS "t68"
        ) AS "t70"
      ) AS "t72"
      GROUP BY
        1,
        2
    ) AS "t73"
  ) AS "t74"
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      "t69"."region_key",
      "t69"."year",
      0 AS "invention_valid",
      0 AS "high_value",
      0 AS "hv_sei",
      0 AS "hv_overseas_family",
      0 AS "hv_maintained_10y",
      0 AS "hv_pledge",
      0 AS "hv_award",
      "t69"."invention_grants"
    FROM (
      SELECT
        "t67"."region_key",
        "t67"."year",
        COUNT(*) AS "invention_grants"
      FROM (
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              "t50"."region_key",
              "t50"."patent",
              CAST("t50"."first_grant_any" AS BIGINT) AS "year"
            FROM "t48" AS "t50"
            WHERE
              "t50"."first_grant_any" = "t50"."last_grant_any"
          ) AS "t51"
          UNION ALL
          SELECT
            *
          FROM (
            SELECT DISTINCT
              *
            FROM (
              SELECT
                "t17"."region_key",
                "t17"."patent",
                CAST("t17"."grant_year" AS BIGINT) AS "year"
              FROM "t15" AS "t17"
              LEFT OUTER JOIN (
                SELECT
                  "t42"."pub_number",
                  TRUE AS "sei_hit"
                FROM (
                  SELECT DISTINCT
                    "t41"."pub_number"
                  FROM (
                    SELECT DISTINCT
                      *
                    FROM (
                      SELECT
                        "t20"."pub_number",
                        "t39"."rule_id"
                      FROM "t18" AS "t20"
                      INNER JOIN (
                        SELECT
                          "t28"."raw",
                          "t37"."rule_id"
                        FROM (
                          SELECT
                            *
                          FROM "t22" AS "t23"
                          WHERE
                            "t23"."sym" <> ''
                        ) AS "t28"
                        INNER JOIN (
                          SELECT
                            "t35"."sym",
                            "t35"."rule_id"
                          FROM (
                            SELECT
                              "t34"."sym",
                              "t34"."rule_id",
                              BOOL_OR(CAST(NOT (
                                "t34"."is_exclusion"
                              ) AS BOOLEAN)) AS "covered",
                              BOOL_OR(CAST("t34"."is_exclusion" AS BOOLEAN)) AS "excluded"
                            FROM (
                              SELECT
                                "t33"."sym",
                                "t10"."rule_id",
                                "t10"."is_exclusion"
                              FROM (
                                SELECT
                                  *
                                FROM (
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      "t23"."sym",
                                      'class' AS "level",
                                      SUBSTRING(
                                        "t23"."sym",
                                        CASE WHEN (
                                          0 + 1
                                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t23"."sym") END,
                                        3
                                      ) AS "key"
                                    FROM "t22" AS "t23"
                                    WHERE
                                      "t23"."sym" <> ''
                                  ) AS "t25"
                                  UNION ALL
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      "t23"."sym",
                                      'subclass' AS "level",
                                      SUBSTRING(
                                        "t23"."sym",
                                        CASE WHEN (
                                          0 + 1
                                        ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t23"."sym") END,
                                        4
                                      ) AS "key"
                                    FROM "t22" AS "t23"
                                    WHERE
                                      "t23"."sym" <> ''
                                  ) AS "t26"
                                ) AS "t29"
                                UNION ALL
                                SELECT
                                  *
                                FROM (
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      "t23"."sym",
                                      'main_group' AS "level",
                                      LIST_EXTRACT(STR_SPLIT("t23"."sym", '/'), 1) AS "key"
                                    FROM "t22" AS "t23"
                                    WHERE
                                      "t23"."sym" <> '' AND LENGTH(LIST_EXTRACT(STR_SPLIT("t23"."sym", '/'), 1)) > 4
                                  ) AS "t30"
                                  UNION ALL
                                  SELECT
                                    *
                                  FROM (
                                    SELECT
                                      "t23"."sym",
                                      'symbol' AS "level",
                                      "t23"."sym" AS "key"
                                    FROM "t22" AS "t23"
                                    WHERE
                                      "t23"."sym" <> '' AND CONTAINS("t23"."sym", '/')
                                  ) AS "t27"
                                ) AS "t31"
                              ) AS "t33"
                              INNER JOIN "memtable_2" AS "t10"
                                ON "t33"."level" = "t10"."level" AND "t33"."key" = "t10"."key"
                            ) AS "t34"
                            GROUP BY
                              1,
                              2
                          ) AS "t35"
                          WHERE
                            "t35"."covered" AND NOT (
                              "t35"."excluded"
                            )
                        ) AS "t37"
                          ON "t28"."sym" = "t37"."sym"
                      ) AS "t39"
                        ON "t20"."raw" = "t39"."raw"
                    ) AS "t40"
                  ) AS "t41"
                ) AS "t42"
              ) AS "t44"
                ON "t17"."pub_number" = "t44"."pub_number"
              SEMI JOIN (
                SELECT
                  *
                FROM "t48" AS "t50"
                WHERE
                  "t50"."first_grant_any" <> "t50"."last_grant_any"
              ) AS "t55"
                ON "t17"."region_key" = "t55"."region_key" AND "t17"."patent" = "t55"."patent"
            ) AS "t59"
          ) AS "t61"
        ) AS "t64"
        WHERE
          "t64"."year" IN (2020, 2021)
      ) AS "t67"
      GROUP BY
        1,
        2
    ) AS "t69"
  ) AS "t71"
) AS "t75"
GROUP BY
  1,
  2
