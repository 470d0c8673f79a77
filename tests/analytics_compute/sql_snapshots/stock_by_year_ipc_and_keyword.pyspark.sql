WITH `t18` AS (
  SELECT
    `t17`.`pub_number`,
    IF(
      (
        UPPER(TRIM(' \t\n\r\013\014' FROM `t17`.`app_number`)) IS NOT NULL
      )
      AND (
        LENGTH(UPPER(TRIM(' \t\n\r\013\014' FROM `t17`.`app_number`))) > 0
      ),
      UPPER(TRIM(' \t\n\r\013\014' FROM `t17`.`app_number`)),
      CONCAT('pub:', `t17`.`pub_number`)
    ) AS `patent`,
    `t17`.`region`,
    COALESCE(`t17`.`kind` = 'invention', FALSE) AS `is_invention`,
    `t17`.`grant_date` IS NOT NULL AS `has_grant`,
    EXTRACT(year FROM `t17`.`app_date`) AS `app_year`,
    EXTRACT(year FROM `t17`.`grant_date`) AS `grant_year`,
    COALESCE(EXTRACT(year FROM `t17`.`lapse_date`), 9999) AS `lapse_year`,
    COALESCE(
      EXTRACT(year FROM `t17`.`app_date`) + 10 + IF(
        (
          EXTRACT(month FROM `t17`.`app_date`) = 12
        )
        AND (
          EXTRACT(day FROM `t17`.`app_date`) = 31
        ),
        1,
        0
      ),
      9999
    ) AS `maint_year`,
    COALESCE(
      (
        `t17`.`status` = 'invalid'
      )
      AND (
        `t17`.`lapse_date` IS NULL
      )
      AND (
        `t17`.`grant_date` IS NOT NULL
      ),
      FALSE
    ) AS `invalid_without_lapse`,
    COALESCE(
      (
        `t17`.`family_granted_offices` IS NOT NULL
      )
      AND (
        LENGTH(`t17`.`family_granted_offices`) > 0
      ),
      FALSE
    ) AS `overseas_family`,
    COALESCE(`t17`.`pledge_amount` >= 1000000.0, FALSE) AS `pledge`,
    COALESCE((
      `t17`.`award` IS NOT NULL
    ) AND (
      LENGTH(`t17`.`award`) > 0
    ), FALSE) AS `award`,
    COALESCE(`t17`.`pct`, FALSE) AS `is_pct`,
    `t17`.`ipc`,
    `t17`.`title`,
    `t17`.`abstract`,
    IF(
      SUBSTRING(`t17`.`region`, IF((
        2 + 1
      ) >= 1, 2 + 1, 2 + 1 + LENGTH(`t17`.`region`)), 2) <> '00',
      CONCAT(
        SUBSTRING(`t17`.`region`, IF((
          0 + 1
        ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t17`.`region`)), 4),
        '00'
      ),
      CAST(NULL AS STRING)
    ) AS `region_key`
  FROM (
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
  ) AS `t17`
  WHERE
    COALESCE(`t17`.`office` = 'CN', FALSE)
    AND COALESCE(`t17`.`first_applicant_country` = 'CN', FALSE)
), `t20` AS (
  SELECT
    *
  FROM `t18` AS `t19`
  WHERE
    `t19`.`is_invention`
    AND `t19`.`has_grant`
    AND NOT (
      `t19`.`invalid_without_lapse`
    )
    AND `t19`.`region_key` IS NOT NULL
), `t25` AS (
  SELECT
    `t22`.`pub_number`,
    EXPLODE(SPLIT(`t22`.`ipc`, '\\|')) AS `raw`
  FROM `t20` AS `t22`
), `t29` AS (
  SELECT
    `t28`.`raw`,
    UPPER(REGEXP_REPLACE(`t28`.`raw`, '\\s+', '')) AS `sym`
  FROM (
    SELECT DISTINCT
      `t26`.`raw`
    FROM `t25` AS `t26`
  ) AS `t28`
), `t50` AS (
  SELECT
    `t49`.`pub_number`,
    `t49`.`rule_id`,
    `t13`.`has_keywords`
  FROM (
    SELECT DISTINCT
      *
    FROM (
      SELECT
        `t27`.`pub_number`,
        `t46`.`rule_id`
      FROM `t25` AS `t27`
      INNER JOIN (
        SELECT
          `t35`.`raw`,
          `t44`.`rule_id`
        FROM (
          SELECT
            *
          FROM `t29` AS `t30`
          WHERE
            `t30`.`sym` <> ''
        ) AS `t35`
        INNER JOIN (
          SELECT
            `t42`.`sym`,
            `t42`.`rule_id`
          FROM (
            SELECT
              `t41`.`sym`,
              `t41`.`rule_id`,
              BOOL_OR(NOT (
                `t41`.`is_exclusion`
              )) AS `covered`,
              BOOL_OR(`t41`.`is_exclusion`) AS `excluded`
            FROM (
              SELECT
                `t40`.`sym`,
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
                      `t30`.`sym`,
                      'class' AS `level`,
                      SUBSTRING(`t30`.`sym`, IF((
                        0 + 1
                      ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t30`.`sym`)), 3) AS `key`
                    FROM `t29` AS `t30`
                    WHERE
                      `t30`.`sym` <> ''
                  ) AS `t32`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t30`.`sym`,
                      'subclass' AS `level`,
                      SUBSTRING(`t30`.`sym`, IF((
                        0 + 1
                      ) >= 1, 0 + 1, 0 + 1 + LENGTH(`t30`.`sym`)), 4) AS `key`
                    FROM `t29` AS `t30`
                    WHERE
                      `t30`.`sym` <> ''
                  ) AS `t33`
                ) AS `t36`
                UNION ALL
                SELECT
                  *
                FROM (
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t30`.`sym`,
                      'main_group' AS `level`,
                      ELEMENT_AT(SPLIT(`t30`.`sym`, '/'), 0 + 1) AS `key`
                    FROM `t29` AS `t30`
                    WHERE
                      `t30`.`sym` <> '' AND LENGTH(ELEMENT_AT(SPLIT(`t30`.`sym`, '/'), 0 + 1)) > 4
                  ) AS `t37`
                  UNION ALL
                  SELECT
                    *
                  FROM (
                    SELECT
                      `t30`.`sym`,
                      'symbol' AS `level`,
                      `t30`.`sym` AS `key`
                    FROM `t29` AS `t30`
                    WHERE
                      `t30`.`sym` <> '' AND CONTAINS(`t30`.`sym`, '/')
                  ) AS `t34`
                ) AS `t38`
              ) AS `t40`
              INNER JOIN `memtable_2` AS `t14`
                ON `t40`.`level` = `t14`.`level` AND `t40`.`key` = `t14`.`key`
            ) AS `t41`
            GROUP BY
              1,
              2
          ) AS `t42`
          WHERE
            `t42`.`covered` AND NOT (
              `t42`.`excluded`
            )
        ) AS `t44`
          ON `t35`.`sym` = `t44`.`sym`
      ) AS `t46`
        ON `t27`.`raw` = `t46`.`raw`
    ) AS `t47`
  ) AS `t49`
  INNER JOIN `memtable_3` AS `t13`
    ON `t49`.`rule_id` = `t13`.`rule_id`
), `t61` AS (
  SELECT
    `t24`.`pub_number`,
    `t24`.`patent`,
    `t24`.`region`,
    `t24`.`is_invention`,
    `t24`.`has_grant`,
    `t24`.`app_year`,
    `t24`.`grant_year`,
    `t24`.`lapse_year`,
    `t24`.`maint_year`,
    `t24`.`invalid_without_lapse`,
    `t24`.`overseas_family`,
    `t24`.`pledge`,
    `t24`.`award`,
    `t24`.`is_pct`,
    `t24`.`ipc`,
    `t24`.`title`,
    `t24`.`abstract`,
    `t24`.`region_key`,
    `t60`.`sei_hit` IS NOT NULL AS `sei`
  FROM `t20` AS `t24`
  LEFT OUTER JOIN (
    SELECT
      `t58`.`pub_number`,
      TRUE AS `sei_hit`
    FROM (
      SELECT DISTINCT
        `t57`.`pub_number`
      FROM (
        SELECT
          *
        FROM (
          SELECT
            `t51`.`pub_number`,
            `t51`.`rule_id`
          FROM `t50` AS `t51`
          WHERE
            NOT (
              `t51`.`has_keywords`
            )
        ) AS `t53`
        UNION
        SELECT
          *
        FROM (
          SELECT DISTINCT
            `t55`.`pub_number`,
            `t55`.`rule_id`
          FROM (
            SELECT
              `t54`.`pub_number`,
              `t54`.`rule_id`,
              `t12`.`term`,
              `t23`.`text`
            FROM (
              SELECT
                `t51`.`pub_number`,
                `t51`.`rule_id`
              FROM `t50` AS `t51`
              WHERE
                `t51`.`has_keywords`
            ) AS `t54`
            INNER JOIN `memtable_4` AS `t12`
              ON `t54`.`rule_id` = `t12`.`rule_id`
            INNER JOIN (
              SELECT
                `t19`.`pub_number`,
                CONCAT(COALESCE(`t19`.`title`, ''), ' ', COALESCE(`t19`.`abstract`, '')) AS `text`
              FROM `t18` AS `t19`
              WHERE
                `t19`.`is_invention`
                AND `t19`.`has_grant`
                AND NOT (
                  `t19`.`invalid_without_lapse`
                )
                AND `t19`.`region_key` IS NOT NULL
            ) AS `t23`
              ON `t54`.`pub_number` = `t23`.`pub_number`
          ) AS `t55`
          WHERE
            CONTAINS(`t55`.`text`, `t55`.`term`)
        ) AS `t56`
      ) AS `t57`
    ) AS `t58`
  ) AS `t60`
    ON `t24`.`pub_number` = `t60`.`pub_number`
), `t65` AS (
  SELECT
    `t62`.`region_key`,
    `t62`.`patent`,
    MIN(`t62`.`grant_year`) AS `first_grant`,
    MAX(`t62`.`grant_year`) AS `last_grant`,
    MIN(`t62`.`lapse_year`) AS `first_lapse`,
    MAX(`t62`.`lapse_year`) AS `last_lapse`,
    MIN(`t62`.`maint_year`) AS `maint_year`,
    BOOL_OR(`t62`.`sei`) AS `sei`,
    BOOL_OR(`t62`.`overseas_family`) AS `overseas_family`,
    BOOL_OR(`t62`.`pledge`) AS `pledge`,
    BOOL_OR(`t62`.`award`) AS `award`
  FROM `t61` AS `t62`
  GROUP BY
    1,
    2
)
SELECT
  `t79`.`region_key`,
  `t79`.`year`,
  SUM(`t79`.`n`) AS `invention_valid`,
  SUM(
    IF(
      `t79`.`sei`
      OR `t79`.`overseas_family`
      OR `t79`.`maintained_10y`
      OR `t79`.`pledge`
      OR `t79`.`award`,
      `t79`.`n`,
      0
    )
  ) AS `high_value`,
  SUM(IF(`t79`.`sei`, `t79`.`n`, 0)) AS `hv_sei`,
  SUM(IF(`t79`.`overseas_family`, `t79`.`n`, 0)) AS `hv_overseas_family`,
  SUM(IF(`t79`.`maintained_10y`, `t79`.`n`, 0)) AS `hv_maintained_10y`,
  SUM(IF(`t79`.`pledge`, `t79`.`n`, 0)) AS `hv_pledge`,
  SUM(IF(`t79`.`award`, `t79`.`n`, 0)) AS `hv_award`
FROM (
  SELECT
    `t78`.`region_key`,
    `t78`.`year`,
    `t78`.`maint_year`,
    `t78`.`sei`,
    `t78`.`overseas_family`,
    `t78`.`pledge`,
    `t78`.`award`,
    `t78`.`n`,
    `t78`.`year` >= `t78`.`maint_year` AS `maintained_10y`
  FROM (
    SELECT
      *
    FROM (
      SELECT
        `t74`.`region_key`,
        `t74`.`year`,
        `t74`.`maint_year`,
        `t74`.`sei`,
        `t74`.`overseas_family`,
        `t74`.`pledge`,
        `t74`.`award`,
        `t74`.`n`
      FROM (
        SELECT
          `t71`.`region_key`,
          `t71`.`grant_year`,
          `t71`.`lapse_year`,
          `t71`.`maint_year`,
          `t71`.`sei`,
          `t71`.`overseas_family`,
          `t71`.`pledge`,
          `t71`.`award`,
          `t71`.`n`,
          `t8`.`year`
        FROM (
          SELECT
            `t68`.`region_key`,
            `t68`.`first_grant` AS `grant_year`,
            `t68`.`last_lapse` AS `lapse_year`,
            `t68`.`maint_year`,
            `t68`.`sei`,
            `t68`.`overseas_family`,
            `t68`.`pledge`,
            `t68`.`award`,
            COUNT(*) AS `n`
          FROM (
            SELECT
              *
            FROM `t65` AS `t66`
            WHERE
              `t66`.`last_grant` <= `t66`.`first_lapse`
          ) AS `t68`
          GROUP BY
            1,
            2,
            3,
            4,
            5,
            6,
            7,
            8
        ) AS `t71`
        INNER JOIN `memtable_5` AS `t8`
          ON `t71`.`grant_year` <= `t8`.`year` AND `t71`.`lapse_year` > `t8`.`year`
      ) AS `t74`
    ) AS `t76`
    UNION ALL
    SELECT
      *
    FROM (
      SELECT
        `t75`.`region_key`,
        `t75`.`year`,
        `t69`.`maint_year`,
        `t69`.`sei`,
        `t69`.`overseas_family`,
        `t69`.`pledge`,
        `t69`.`award`,
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
              `t62`.`region_key`,
              `t62`.`patent`,
              `t62`.`grant_year`,
              `t62`.`lapse_year`
            FROM `t61` AS `t62`
          ) AS `t64`
          LEFT SEMI JOIN (
            SELECT
              *
            FROM `t65` AS `t66`
            WHERE
              `t66`.`last_grant` > `t66`.`first_lapse`
          ) AS `t69`
            ON `t64`.`region_key` = `t69`.`region_key` AND `t64`.`patent` = `t69`.`patent`
          INNER JOIN `memtable_6` AS `t9`
            ON `t64`.`grant_year` <= `t9`.`year` AND `t64`.`lapse_year` > `t9`.`year`
        ) AS `t72`
      ) AS `t75`
      INNER JOIN (
        SELECT
          *
        FROM `t65` AS `t66`
        WHERE
          `t66`.`last_grant` > `t66`.`first_lapse`
      ) AS `t69`
        ON `t75`.`region_key` = `t69`.`region_key` AND `t75`.`patent` = `t69`.`patent`
    ) AS `t77`
  ) AS `t78`
) AS `t79`
GROUP BY
  1,
  2
