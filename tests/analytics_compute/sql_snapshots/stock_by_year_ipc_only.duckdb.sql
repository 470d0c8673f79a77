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
    "t14"."is_invention"
    AND "t14"."has_grant"
    AND NOT (
      "t14"."invalid_without_lapse"
    )
    AND "t14"."region_key" IS NOT NULL
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
), "t49" AS (
  SELECT
    "t46"."region_key",
    "t46"."patent",
    MIN("t46"."grant_year") AS "first_grant",
    MAX("t46"."grant_year") AS "last_grant",
    MIN("t46"."lapse_year") AS "first_lapse",
    MAX("t46"."lapse_year") AS "last_lapse",
    MIN("t46"."maint_year") AS "maint_year",
    BOOL_OR(CAST("t46"."sei" AS BOOLEAN)) AS "sei",
    BOOL_OR(CAST("t46"."overseas_family" AS BOOLEAN)) AS "overseas_family",
    BOOL_OR(CAST("t46"."pledge" AS BOOLEAN)) AS "pledge",
    BOOL_OR(CAST("t46"."award" AS BOOLEAN)) AS "award"
  FROM "t45" AS "t46"
  GROUP BY
    1,
    2
)
SELECT
  "t63"."region_key",
  "t63"."year",
  SUM("t63"."n") AS "invention_valid",
  SUM(
    CASE
      WHEN "t63"."sei"
      OR "t63"."overseas_family"
      OR "t63"."maintained_10y"
      OR "t63"."pledge"
      OR "t63"."award"
      THEN "t63"."n"
      ELSE 0
    END
  ) AS "high_value",
  SUM(CASE WHEN "t63"."sei" THEN "t63"."n" ELSE 0 END) AS "hv_sei",
  SUM(CASE WHEN "t63"."overseas_family" THEN "t63"."n" ELSE 0 END) AS "hv_overseas_family",
  SUM(CASE WHEN "t63"."maintained_10y" THEN "t63"."n" ELSE 0 END) AS "hv_maintained_10y",
  SUM(CASE WHEN "t63"."pledge" THEN "t63"."n" ELSE 0 END) AS "hv_pledge",
  SUM(CASE WHEN "t63"."award" THEN "t63"."n" ELSE 0 END) AS "hv_award"
FROM (
  SELECT
    "t62"."region_key",
    "t62"."year",
    "t62"."maint_year",
    "t62"."sei",
    "t62"."overseas_family",
    "t62"."pledge",
    "t62"."award",
    "t62"."n",
    "t62"."year" >= "t62"."maint_year" AS "maintained_10y"
  FROM (
    SELECT
      *
    FROM (
      SELECT
        "t58"."region_key",
        "t58"."year",
        "t58"."maint_year",
        "t58"."sei",
        "t58"."overseas_family",
        "t58"."pledge",
        "t58"."award",
        "t58"."n"
      FROM (
        SELECT
          "t55"."region_key",
          "t55"."grant_year",
          "t55"."lapse_year",
          "t55"."maint_year",
          "t55"."sei",
          "t55"."overseas_family",
          "t55"."pledge",
          "t55"."award",
          "t55"."n",
          "t6"."year"
        FROM (
          SELECT
            "t52"."region_key",
            "t52"."first_grant" AS "grant_year",
            "t52"."last_lapse" AS "lapse_year",
            "t52"."maint_year",
            "t52"."sei",
            "t52"."overseas_family",
            "t52"."pledge",
            "t52"."award",
            COUNT(*) AS "n"
          FROM (
            SELECT
              *
            FROM "t49" AS "t50"
            WHERE
              "t50"."last_grant" <= "t50"."first_lapse"
          ) AS "t52"
          GROUP BY
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8
        ) AS "t55"
        INNER JOIN "memtable_3" AS "t6"
          ON "t55"."grant_year" <= "t6"."year" AND "t55"."lapse_year" > "t6"."year"
      ) AS "t58"
    ) AS "t60"
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        "t59"."region_key",
        "t59"."year",
        "t53"."maint_year",
        "t53"."sei",
        "t53"."overseas_family",
        "t53"."pledge",
        "t53"."award",
        1 AS "n"
      FROM (
        SELECT DISTINCT
          *
        FROM (
          SELECT
            "t48"."region_key",
            "t48"."patent",
            "t7"."year"
          FROM (
            SELECT
              "t46"."region_key",
              "t46"."patent",
              "t46"."grant_year",
              "t46"."lapse_year"
            FROM "t45" AS "t46"
          ) AS "t48"
          SEMI JOIN (
            SELECT
              *
            FROM "t49" AS "t50"
            WHERE
              "t50"."last_grant" > "t50"."first_lapse"
          ) AS "t53"
            ON "t48"."region_key" = "t53"."region_key" AND "t48"."patent" = "t53"."patent"
          INNER JOIN "memtable_4" AS "t7"
            ON "t48"."grant_year" <= "t7"."year" AND "t48"."lapse_year" > "t7"."year"
        ) AS "t56"
      ) AS "t59"
      INNER JOIN (
        SELECT
          *
        FROM "t49" AS "t50"
        WHERE
          "t50"."last_grant" > "t50"."first_lapse"
      ) AS "t53"
        ON "t59"."region_key" = "t53"."region_key" AND "t59"."patent" = "t53"."patent"
    ) AS "t61"
  ) AS "t62"
) AS "t63"
GROUP BY
  1,
  2
