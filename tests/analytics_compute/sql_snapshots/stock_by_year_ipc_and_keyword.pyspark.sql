WITH `t17` AS (
  SELECT
    *
  FROM (
    SELECT
      `t2`.`pub_number`,
      `t2`.`office`,
      `t2`.`app_number`,
      `t2`.`kind`,
      `t2`.`app_date`,
      `t2`.`grant_date`,
      `t2`.`lapse_date`,
      `t2`.`status`,
      `t2`.`first_applicant_country`,
      `t2`.`first_applicant_address`,
      `t2`.`region_code`,
      `t2`.`ipc`,
      `t2`.`family_granted_offices`,
      `t2`.`pct`,
      `t2`.`pledge_amount`,
      `t2`.`award`,
      `t2`.`title`,
      `t2`.`abstract`,
      `t2`.`region_code` AS `region`
    FROM `records` AS `t2`
    WHERE
      COALESCE(LENGTH(`t2`.`region_code`) = 6, FALSE)
  ) AS `t15`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t10`.`pub_number`,
      `t10`.`office`,
      `t10`.`app_number`,
      `t10`.`kind`,
      `t10`.`app_date`,
      `t10`.`grant_date`,
      `t10`.`lapse_date`,
      `t10`.`status`,
      `t10`.`first_applicant_country`,
      `t10`.`first_applicant_address`,
      `t10`.`region_code`,
      `t10`.`ipc`,
      `t10`.`family_granted_offices`,
      `t10`.`pct`,
      `t10`.`pledge_amount`,
      `t10`.`award`,
      `t10`.`title`,
      `t10`.`abstract`,
      `t11`.`derived_region` AS `region`
    FROM `uncoded_records` AS `t10`
    INNER JOIN `memtable_1` AS `t11`
      ON `t10`.`first_applicant_address` = `t11`.`address`
  ) AS `t16`
), `t21` AS (
  SELECT
    `t18`.`pub_number`,
    IF(
      (
        UPPER(TRIM(' \t\n\r\013\014' FROM `t18`.`app_number`)) IS NOT NULL
      )
      AND (
        LENGTH(UPPER(TRIM(' \t\n\r\013\014' FROM `t18`.`app_number`))) > 0
      ),
      UPPER(TRIM(' \t\n\r\013\014' FROM `t18`.`app_number`)),
      CONCAT('pub:', `t18`.`pub_number`)
    ) AS `patent`,
    `t18`.`region`,
    COALESCE(`t18`.`kind` = 'invention', FALSE) AS `is_invention`,
    `t18`.`grant_date` IS NOT NULL AS `has_grant`,
    EXTRACT(year FROM `t18`.`app_date`) AS `app_year`,
    EXTRACT(year FROM `t18`.`grant_date`) AS `grant_year`,
    COALESCE(EXTRACT(year FROM `t18`.`lapse_date`), 9999) AS `lapse_year`,
    COALESCE(
      EXTRACT(year FROM `t18`.`app_date`) + 10 + IF(
        (
          EXTRACT(month FROM `t18`.`app_date`) = 12
        )
        AND (
          EXTRACT(day FROM `t18`.`app_date`) = 31
        ),
        1,
        0
      ),
      9999
    ) AS `maint_year`,
    COALESCE(
      (
        `t18`.`status` = 'invalid'
      )
      AND (
        `t18`.`lapse_date` IS NULL
      )
      AND (
        `t18`.`grant_date` IS NOT NULL
      ),
      FALSE
    ) AS `invalid_without_lapse`,
    COALESCE(
      (
        `t18`.`family_granted_offices` IS NOT NULL
      )
      AND (
        LENGTH(`t18`.`family_granted_offices`) > 0
      ),
      FALSE
    ) AS `overseas_family`,
    COALESCE(`t18`.`pledge_amount` >= 1000000.0, FALSE) AS `pledge`,
    COALESCE((
      `t18`.`award` IS NOT NULL
    ) AND (
      LENGTH(`t18`.`award`) > 0
    ), FALSE) AS `award`,
    COALESCE(`t18`.`pct`, FALSE) AS `is_pct`,
    `t18`.`ipc`,
    `t18`.`title`,
    `t18`.`abstract`,
    IF(
      SUBSTRING(`t18`.`region`, IF((
        2 + 1
      ) >= 1, 2 + 1, 2 + 1 + LENGTH(`t18`.`region`)), 2) <> '00',
      CONCAT(
        SUBSTRING(`t18`.`region`, IF((
          0 + 1
        ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t18`.`region`)), 4),
        '00'
      ),
      CAST(NULL AS STRING)
    ) AS `region_key`
  FROM `t17` AS `t18`
  WHERE
    COALESCE(`t18`.`office` = 'CN', FALSE)
    AND COALESCE(`t18`.`first_applicant_country` = 'CN', FALSE)
    AND COALESCE(`t18`.`kind` = 'invention', FALSE)
    AND `t18`.`grant_date` IS NOT NULL
    AND IF(
      SUBSTRING(`t18`.`region`, IF((
        2 + 1
      ) >= 1, 2 + 1, 2 + 1 + LENGTH(`t18`.`region`)), 2) <> '00',
      CONCAT(
        SUBSTRING(`t18`.`region`, IF((
          0 + 1
        ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t18`.`region`)), 4),
        '00'
      ),
      CAST(NULL AS STRING)
    ) IS NOT NULL
), `t24` AS (
  SELECT
    `t22`.`pub_number`,
    EXPLODE(SPLIT(`t22`.`ipc`, '\\|')) AS `raw`
  FROM `t21` AS `t22`
), `t28` AS (
  SELECT
    `t27`.`raw`,
    UPPER(REGEXP_REPLACE(`t27`.`raw`, '\\s+', '')) AS `sym`
  FROM (
    SELECT DISTINCT
      `t25`.`raw`
    FROM `t24` AS `t25`
  ) AS `t27`
), `t49` AS (
  SELECT
    `t48`.`pub_number`,
    `t48`.`rule_id`,
    `t13`.`has_keywords`
  FROM (
    SELECT DISTINCT
      *
    FROM (
      SELECT
        `t26`.`pub_number`,
        `t45`.`rule_id`
      FROM `t24` AS `t26`
      INNER JOIN (
        SELECT
          `t34`.`raw`,
          `t43`.`rule_id`
        FROM (
          SELECT
            *
          FROM `t28` AS `t29`
          WHERE
            `t29`.`sym` <> ''
        ) AS `t34`
        INNER JOIN (
          SELECT
            `t41`.`sym`,
            `t41`.`rule_id`
          FROM (
            SELECT
              `t40`.`sym`,
              `t40`.`rule_id`,
              BOOL_OR(NOT (
                `t40`.`is_exclusion`
              )) AS `covered`,
              BOOL_OR(`t40`.`is_exclusion`) AS `excluded`
            FROM (
              SELECT
                `t39`.`sym`,
                `t14`.`rule_id`,
                `t14`.`is_exclusion`
              FROM (
                SELECT
                  *
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t29`.`sym`,
                      'class' AS `level`,
                      SUBSTRING(`t29`.`sym`, IF((
                        0 + 1
                      ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t29`.`sym`)), 3) AS `key`
                    FROM `t28` AS `t29`
                    WHERE
                      `t29`.`sym` <> ''
                  ) AS `t31`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t29`.`sym`,
                      'subclass' AS `level`,
                      SUBSTRING(`t29`.`sym`, IF((
                        0 + 1
                      ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t29`.`sym`)), 4) AS `key`
                    FROM `t28` AS `t29`
                    WHERE
                      `t29`.`sym` <> ''
                  ) AS `t32`
                ) AS `t35`
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t29`.`sym`,
                      'main_group' AS `level`,
                      ELEMENT_AT(SPLIT(`t29`.`sym`, '/'), 0 + 1) AS `key`
                    FROM `t28` AS `t29`
                    WHERE
                      `t29`.`sym` <> '' AND LENGTH(ELEMENT_AT(SPLIT(`t29`.`sym`, '/'), 0 + 1)) > 4
                  ) AS `t36`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t29`.`sym`,
                      'symbol' AS `level`,
                      `t29`.`sym` AS `key`
                    FROM `t28` AS `t29`
                    WHERE
                      `t29`.`sym` <> '' AND CONTAINS(`t29`.`sym`, '/')
                  ) AS `t33`
                ) AS `t37`
              ) AS `t39`
              INNER JOIN `memtable_2` AS `t14`
                ON `t39`.`level` = `t14`.`level` AND `t39`.`key` = `t14`.`key`
            ) AS `t40`
            GROUP BY
              1,
              2
          ) AS `t41`
          WHERE
            `t41`.`covered` AND NOT (
              `t41`.`excluded`
            )
        ) AS `t43`
          ON `t34`.`sym` = `t43`.`sym`
      ) AS `t45`
        ON `t26`.`raw` = `t45`.`raw`
    ) AS `t46`
  ) AS `t48`
  INNER JOIN `memtable_3` AS `t13`
    ON `t48`.`rule_id` = `t13`.`rule_id`
), `t60` AS (
  SELECT
    `t23`.`pub_number`,
    `t23`.`patent`,
    `t23`.`region`,
    `t23`.`is_invention`,
    `t23`.`has_grant`,
    `t23`.`app_year`,
    `t23`.`grant_year`,
    `t23`.`lapse_year`,
    `t23`.`maint_year`,
    `t23`.`invalid_without_lapse`,
    `t23`.`overseas_family`,
    `t23`.`pledge`,
    `t23`.`award`,
    `t23`.`is_pct`,
    `t23`.`ipc`,
    `t23`.`title`,
    `t23`.`abstract`,
    `t23`.`region_key`,
    `t59`.`sei_hit` IS NOT NULL AS `sei`
  FROM `t21` AS `t23`
  LEFT OUTER JOIN (
    SELECT
      `t57`.`pub_number`,
      TRUE AS `sei_hit`
    FROM (
      SELECT DISTINCT
        `t56`.`pub_number`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t50`.`pub_number`,
            `t50`.`rule_id`
          FROM `t49` AS `t50`
          WHERE
            NOT (
              `t50`.`has_keywords`
            )
        ) AS `t52`
        UNION
        SELECT
          *
        FROM (
          SELECT DISTINCT
            `t54`.`pub_number`,
            `t54`.`rule_id`
          FROM (
            SELECT
              `t53`.`pub_number`,
              `t53`.`rule_id`,
              `t12`.`term`,
              `t20`.`text`
            FROM (
              SELECT
                `t50`.`pub_number`,
                `t50`.`rule_id`
              FROM `t49` AS `t50`
              WHERE
                `t50`.`has_keywords`
            ) AS `t53`
            INNER JOIN `memtable_4` AS `t12`
              ON `t53`.`rule_id` = `t12`.`rule_id`
            INNER JOIN (
              SELECT
                `t18`.`pub_number`,
                CONCAT(COALESCE(`t18`.`title`, ''), ' ', COALESCE(`t18`.`abstract`, '')) AS `text`
              FROM `t17` AS `t18`
              WHERE
                COALESCE(`t18`.`office` = 'CN', FALSE)
                AND COALESCE(`t18`.`first_applicant_country` = 'CN', FALSE)
                AND COALESCE(`t18`.`kind` = 'invention', FALSE)
                AND `t18`.`grant_date` IS NOT NULL
                AND IF(
                  SUBSTRING(`t18`.`region`, IF((
                    2 + 1
                  ) >= 1, 2 + 1, 2 + 1 + LENGTH(`t18`.`region`)), 2) <> '00',
                  CONCAT(
                    SUBSTRING(`t18`.`region`, IF((
                      0 + 1
                    ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t18`.`region`)), 4),
                    '00'
                  ),
                  CAST(NULL AS STRING)
                ) IS NOT NULL
            ) AS `t20`
              ON `t53`.`pub_number` = `t20`.`pub_number`
          ) AS `t54`
          WHERE
            CONTAINS(`t54`.`text`, `t54`.`term`)
        ) AS `t55`
      ) AS `t56`
    ) AS `t57`
  ) AS `t59`
    ON `t23`.`pub_number` = `t59`.`pub_number`
), `t63` AS (
  SELECT
    `t61`.`region_key`,
    `t61`.`patent`,
    BOOL_OR(NOT (
      `t61`.`invalid_without_lapse`
    )) AS `in_stock`,
    MIN(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`grant_year`, NULL)) AS `first_grant`,
    MAX(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`grant_year`, NULL)) AS `last_grant`,
    MIN(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`lapse_year`, NULL)) AS `first_lapse`,
    MAX(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`lapse_year`, NULL)) AS `last_lapse`,
    MIN(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`maint_year`, NULL)) AS `maint_year`,
    BOOL_OR(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`sei`, NULL)) AS `sei`,
    BOOL_OR(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`overseas_family`, NULL)) AS `overseas_family`,
    BOOL_OR(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`pledge`, NULL)) AS `pledge`,
    BOOL_OR(IF(NOT (
      `t61`.`invalid_without_lapse`
    ), `t61`.`award`, NULL)) AS `award`,
    MIN(`t61`.`grant_year`) AS `first_grant_any`,
    MAX(`t61`.`grant_year`) AS `last_grant_any`
  FROM `t60` AS `t61`
  GROUP BY
    1,
    2
)
SELECT
  `t90`.`region_key`,
  `t90`.`year`,
  SUM(`t90`.`invention_valid`) AS `invention_valid`,
  SUM(`t90`.`high_value`) AS `high_value`,
  SUM(`t90`.`hv_sei`) AS `hv_sei`,
  SUM(`t90`.`hv_overseas_family`) AS `hv_overseas_family`,
  SUM(`t90`.`hv_maintained_10y`) AS `hv_maintained_10y`,
  SUM(`t90`.`hv_pledge`) AS `hv_pledge`,
  SUM(`t90`.`hv_award`) AS `hv_award`,
  SUM(`t90`.`invention_grants`) AS `invention_grants`
FROM (
  SELECT
    *
  FROM (
    SELECT
      `t88`.`region_key`,
      `t88`.`year`,
      `t88`.`invention_valid`,
      `t88`.`high_value`,
      `t88`.`hv_sei`,
      `t88`.`hv_overseas_family`,
      `t88`.`hv_maintained_10y`,
      `t88`.`hv_pledge`,
      `t88`.`hv_award`,
      0 AS `invention_grants`
    FROM (
      SELECT
        `t87`.`region_key`,
        `t87`.`year`,
        SUM(`t87`.`n`) AS `invention_valid`,
        SUM(
          IF(
            `t87`.`sei`
            OR `t87`.`overseas_family`
            OR `t87`.`maintained_10y`
            OR `t87`.`pledge`
            OR `t87`.`award`,
            `t87`.`n`,
            0
          )
        ) AS `high_value`,
        SUM(IF(`t87`.`sei`, `t87`.`n`, 0)) AS `hv_sei`,
        SUM(IF(`t87`.`overseas_family`, `t87`.`n`, 0)) AS `hv_overseas_family`,
        SUM(IF(`t87`.`maintained_10y`, `t87`.`n`, 0)) AS `hv_maintained_10y`,
        SUM(IF(`t87`.`pledge`, `t87`.`n`, 0)) AS `hv_pledge`,
        SUM(IF(`t87`.`award`, `t87`.`n`, 0)) AS `hv_award`
      FROM (
        SELECT
          `t85`.`region_key`,
          `t85`.`year`,
          `t85`.`maint_year`,
          `t85`.`sei`,
          `t85`.`overseas_family`,
          `t85`.`pledge`,
          `t85`.`award`,
          `t85`.`n`,
          `t85`.`year` >= `t85`.`maint_year` AS `maintained_10y`
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t78`.`region_key`,
              `t78`.`year`,
              `t78`.`maint_year`,
              `t78`.`sei`,
              `t78`.`overseas_family`,
              `t78`.`pledge`,
              `t78`.`award`,
              `t78`.`n`
            FROM (
              SELECT
                `t73`.`region_key`,
                `t73`.`grant_year`,
                `t73`.`lapse_year`,
                `t73`.`maint_year`,
                `t73`.`sei`,
                `t73`.`overseas_family`,
                `t73`.`pledge`,
                `t73`.`award`,
                `t73`.`n`,
                `t8`.`year`
              FROM (
                SELECT
                  `t69`.`region_key`,
                  `t69`.`first_grant` AS `grant_year`,
                  `t69`.`last_lapse` AS `lapse_year`,
                  `t69`.`maint_year`,
                  `t69`.`sei`,
                  `t69`.`overseas_family`,
                  `t69`.`pledge`,
                  `t69`.`award`,
                  COUNT(*) AS `n`
                FROM (
                  SELECT
                    *
                  FROM `t63` AS `t65`
                  WHERE
                    `t65`.`in_stock` AND `t65`.`last_grant` <= `t65`.`first_lapse`
                ) AS `t69`
                GROUP BY
                  1,
                  2,
                  3,
                  4,
                  5,
                  6,
                  7,
                  8
              ) AS `t73`
              INNER JOIN `memtable_5` AS `t8`
                ON `t73`.`grant_year` <= `t8`.`year` AND `t73`.`lapse_year` > `t8`.`year`
            ) AS `t78`
          ) AS `t81`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT
              `t80`.`region_key`,
              `t80`.`year`,
              `t71`.`maint_year`,
              `t71`.`sei`,
              `t71`.`overseas_family`,
              `t71`.`pledge`,
              `t71`.`award`,
              1 AS `n`
            FROM (
              SELECT DISTINCT
                *
              FROM (
                SELECT
                  `t64`.`region_key`,
                  `t64`.`patent`,
                  `t9`.`year`
                FROM (
                  SELECT
                    `t61`.`region_key`,
                    `t61`.`patent`,
                    `t61`.`grant_year`,
                    `t61`.`lapse_year`
                  FROM `t60` AS `t61`
                  WHERE
                    NOT (
                      `t61`.`invalid_without_lapse`
                    )
                ) AS `t64`
                LEFT SEMI JOIN (
                  SELECT
                    *
                  FROM `t63` AS `t65`
                  WHERE
                    `t65`.`in_stock` AND `t65`.`last_grant` > `t65`.`first_lapse`
                ) AS `t71`
                  ON `t64`.`region_key` = `t71`.`region_key` AND `t64`.`patent` = `t71`.`patent`
                INNER JOIN `memtable_6` AS `t9`
                  ON `t64`.`grant_year` <= `t9`.`year` AND `t64`.`lapse_year` > `t9`.`year`
              ) AS `t75`
            ) AS `t80`
            INNER JOIN (
              SELECT
                *
              FROM `t63` AS `t65`
              WHERE
                `t65`.`in_stock` AND `t65`.`last_grant` > `t65`.`first_lapse`
            ) AS `t71`
              ON `t80`.`region_key` = `t71`.`region_key` AND `t80`.`patent` = `t71`.`patent`
          ) AS `t83`
        ) AS `t85`
      ) AS `t87`
      GROUP BY
        1,
        2
    ) AS `t88`
  ) AS `t89`
  UNION ALL
  SELECT
    *
  FROM (
    SELECT
      `t84`.`region_key`,
      `t84`.`year`,
      0 AS `invention_valid`,
      0 AS `high_value`,
      0 AS `hv_sei`,
      0 AS `hv_overseas_family`,
      0 AS `hv_maintained_10y`,
      0 AS `hv_pledge`,
      0 AS `hv_award`,
      `t84`.`invention_grants`
    FROM (
      SELECT
        `t82`.`region_key`,
        `t82`.`year`,
        COUNT(*) AS `invention_grants`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            *
          FROM (
            SELECT
              `t65`.`region_key`,
              `t65`.`patent`,
              CAST(`t65`.`first_grant_any` AS BIGINT) AS `year`
            FROM `t63` AS `t65`
            WHERE
              `t65`.`first_grant_any` = `t65`.`last_grant_any`
          ) AS `t66`
          UNION ALL
          SELECT
            *
          FROM (
            SELECT DISTINCT
              *
            FROM (
              SELECT
                `t23`.`region_key`,
                `t23`.`patent`,
                CAST(`t23`.`grant_year` AS BIGINT) AS `year`
              FROM `t21` AS `t23`
              LEFT OUTER JOIN (
                SELECT
                  `t57`.`pub_number`,
                  TRUE AS `sei_hit`
                FROM (
                  SELECT DISTINCT
                    `t56`.`pub_number`
                  FROM (
                    SELECT
                      *
                    FROM (
                      SELECT
                        `t50`.`pub_number`,
                        `t50`.`rule_id`
                      FROM `t49` AS `t50`
                      WHERE
                        NOT (
                          `t50`.`has_keywords`
                        )
                    ) AS `t52`
                    UNION
                    SELECT
                      *
                    FROM (
                      SELECT DISTINCT
                        `t54`.`pub_number`,
                        `t54`.`rule_id`
                      FROM (
                        SELECT
                          `t53`.`pub_number`,
                          `t53`.`rule_id`,
                          `t12`.`term`,
                          `t20`.`text`
                        FROM (
                          SELECT
                            `t50`.`pub_number`,
                            `t50`.`rule_id`
                          FROM `t49` AS `t50`
                          WHERE
                            `t50`.`has_keywords`
                        ) AS `t53`
                        INNER JOIN `memtable_4` AS `t12`
                          ON `t53`.`rule_id` = `t12`.`rule_id`
                        INNER JOIN (
                          SELECT
                            `t18`.`pub_number`,
                            CONCAT(COALESCE(`t18`.`title`, ''), ' ', COALESCE(`t18`.`abstract`, '')) AS `text`
                          FROM `t17` AS `t18`
                          WHERE
                            COALESCE(`t18`.`office` = 'CN', FALSE)
                            AND COALESCE(`t18`.`first_applicant_country` = 'CN', FALSE)
                            AND COALESCE(`t18`.`kind` = 'invention', FALSE)
                            AND `t18`.`grant_date` IS NOT NULL
                            AND IF(
                              SUBSTRING(`t18`.`region`, IF((
                                2 + 1
                              ) >= 1, 2 + 1, 2 + 1 + LENGTH(`t18`.`region`)), 2) <> '00',
                              CONCAT(
                                SUBSTRING(`t18`.`region`, IF((
                                  0 + 1
                                ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t18`.`region`)), 4),
                                '00'
                              ),
                              CAST(NULL AS STRING)
                            ) IS NOT NULL
                        ) AS `t20`
                          ON `t53`.`pub_number` = `t20`.`pub_number`
                      ) AS `t54`
                      WHERE
                        CONTAINS(`t54`.`text`, `t54`.`term`)
                    ) AS `t55`
                  ) AS `t56`
                ) AS `t57`
              ) AS `t59`
                ON `t23`.`pub_number` = `t59`.`pub_number`
              LEFT SEMI JOIN (
                SELECT
                  *
                FROM `t63` AS `t65`
                WHERE
                  `t65`.`first_grant_any` <> `t65`.`last_grant_any`
              ) AS `t70`
                ON `t23`.`region_key` = `t70`.`region_key` AND `t23`.`patent` = `t70`.`patent`
            ) AS `t74`
          ) AS `t76`
        ) AS `t79`
        WHERE
          `t79`.`year` IN (2020, 2021)
      ) AS `t82`
      GROUP BY
        1,
        2
    ) AS `t84`
  ) AS `t86`
) AS `t90`
GROUP BY
  1,
  2
