SELECT
  "t9"."region_key",
  COUNT(*) AS "past_term_without_lapse"
FROM (
  SELECT
    *
  FROM (
    SELECT
      "t7"."pub_number",
      CASE
        WHEN (
          UPPER(TRIM("t7"."app_number", ' 	
')) IS NOT NULL
        )
        AND (
          LENGTH(UPPER(TRIM("t7"."app_number", ' 	
'))) > 0
        )
        THEN UPPER(TRIM("t7"."app_number", ' 	
'))
        ELSE 'pub:' || "t7"."pub_number"
      END AS "patent",
      "t7"."region",
      COALESCE("t7"."kind" = 'invention', FALSE) AS "is_invention",
      "t7"."grant_date" IS NOT NULL AS "has_grant",
      EXTRACT(year FROM "t7"."app_date") AS "app_year",
      EXTRACT(year FROM "t7"."grant_date") AS "grant_year",
      COALESCE(EXTRACT(year FROM "t7"."lapse_date"), 9999) AS "lapse_year",
      COALESCE(
        EXTRACT(year FROM "t7"."app_date") + 10 + CASE
          WHEN (
            EXTRACT(month FROM "t7"."app_date") = 12
          )
          AND (
            EXTRACT(day FROM "t7"."app_date") = 31
          )
          THEN 1
          ELSE 0
        END,
        9999
      ) AS "maint_year",
      COALESCE(
        (
          "t7"."status" = 'invalid'
        )
        AND (
          "t7"."lapse_date" IS NULL
        )
        AND (
          "t7"."grant_date" IS NOT NULL
        ),
        FALSE
      ) AS "invalid_without_lapse",
      COALESCE(
        (
          "t7"."family_granted_offices" IS NOT NULL
        )
        AND (
          LENGTH("t7"."family_granted_offices") > 0
        ),
        FALSE
      ) AS "overseas_family",
      COALESCE("t7"."pledge_amount" >= 1000000.0, FALSE) AS "pledge",
      COALESCE((
        "t7"."award" IS NOT NULL
      ) AND (
        LENGTH("t7"."award") > 0
      ), FALSE) AS "award",
      COALESCE("t7"."pct", FALSE) AS "is_pct",
      "t7"."ipc",
      CASE
        WHEN SUBSTRING(
          "t7"."region",
          CASE WHEN (
            2 + 1
          ) >= 1 THEN 2 + 1 ELSE 2 + 1 + LENGTH("t7"."region") END,
          2
        ) <> '00'
        THEN SUBSTRING(
          "t7"."region",
          CASE WHEN (
            0 + 1
          ) >= 1 THEN 0 + 1 ELSE 0 + 1 + LENGTH("t7"."region") END,
          4
        ) || '00'
        ELSE CAST(NULL AS TEXT)
      END AS "region_key"
    FROM (
      SELECT
        *
      FROM (
        SELECT
          "t0"."pub_number",
          "t0"."office",
          "t0"."app_number",
          "t0"."kind",
          "t0"."app_date",
          "t0"."grant_date",
          "t0"."lapse_date",
          "t0"."status",
          "t0"."first_applicant_country",
          "t0"."first_applicant_address",
          "t0"."region_code",
          "t0"."ipc",
          "t0"."family_granted_offices",
          "t0"."pct",
          "t0"."pledge_amount",
          "t0"."award",
          "t0"."region_code" AS "region"
        FROM "records" AS "t0"
        WHERE
          COALESCE(LENGTH("t0"."region_code") = 6, FALSE)
      ) AS "t5"
      UNION ALL
      SELECT
        *
      FROM (
        SELECT
          "t3"."pub_number",
          "t3"."office",
          "t3"."app_number",
          "t3"."kind",
          "t3"."app_date",
          "t3"."grant_date",
          "t3"."lapse_date",
          "t3"."status",
          "t3"."first_applicant_country",
          "t3"."first_applicant_address",
          "t3"."region_code",
          "t3"."ipc",
          "t3"."family_granted_offices",
          "t3"."pct",
          "t3"."pledge_amount",
          "t3"."award",
          "t4"."derived_region" AS "region"
        FROM "uncoded_records" AS "t3"
        INNER JOIN "memtable_1" AS "t4"
          ON "t3"."first_applicant_address" = "t4"."address"
      ) AS "t6"
    ) AS "t7"
    WHERE
      COALESCE("t7"."office" = 'CN', FALSE)
      AND COALESCE("t7"."first_applicant_country" = 'CN', FALSE)
  ) AS "t8"
  WHERE
    "t8"."is_invention"
    AND "t8"."has_grant"
    AND NOT (
      "t8"."invalid_without_lapse"
    )
    AND "t8"."region_key" IS NOT NULL
    AND "t8"."grant_year" <= 2020
    AND "t8"."lapse_year" = 9999
    AND (
      "t8"."maint_year" + 10
    ) <= 2020
) AS "t9"
GROUP BY
  1
