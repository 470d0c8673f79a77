"""Who may reach which URL: the permission matrix, one row per URL pattern.

Every URL pattern of the project (``get_resolver()`` walked recursively, the ninja API included)
must have a row here; ``test_matrix.py`` fails, naming the pattern, when one is missing. Add the
row with the URL you add.

Key: the pattern's name with its namespaces (``monitoring:dashboard``), or the route string for
an unnamed pattern. Value: ``(GET, POST)``, each eight words, one per actor, in ``ACTORS`` order:

    anon         not signed in
    admin        site administrator (superuser)
    office_a     office of city A (340700)         leader_a   leader of city A
    reporter_a   reporter of department D1 of A    reporter_a2  reporter of D2, another department of A
    office_b     office of city B (340800)         leader_b   leader of city B

Outcomes:

    ok         access granted: any answer but the four below (2xx, a redirect that is not to the
               login page, or a refusal of the input: 400, 409, 413, 422)
    login      redirect to the login page (``?next=``), or 401 for the API
    forbidden  403: the actor sees the object but may not do this
    hidden     404: the actor may not know the object exists
    method     405

The URL is built with the ids of objects of city A that belong to department D1 (see
``world.py``): programme PA, indicator I1 (owned by D1), its actual value with an attachment,
round R1, D1's report and its attachment, D1's and PA's value imports by reporter_a, a pending
plan import by office_a revising PA, audit history of I1, a token of reporter_a.
POST is sent with no body, except for the patterns listed in ``POST_BODIES``: JSON for the API
(so that the schema check, 422 before the view, does not hide the access check), a form for a page
that answers 404 to a POST naming nothing. ``{name}`` in a value is replaced by the world's id.

The rule the rows follow: an object outside the actor's view is ``hidden`` (404) before any
role check; a reader who sees it but may not change it gets ``forbidden`` (403).
"""

from __future__ import annotations

ACTORS = ("anon", "admin", "office_a", "leader_a", "reporter_a", "reporter_a2", "office_b", "leader_b")
OUTCOMES = ("ok", "login", "forbidden", "hidden", "method")

# Prefixes not walked, and why.
EXCLUDED_PREFIXES = {
    # Django's admin lets only staff in (none of our roles but the site admin is staff); it is
    # Django's code, tested by Django. test_matrix.py checks its index once for every actor.
    "admin/": "Django admin: staff only, enforced by Django",
}

# Frequently used rows ----------------------------------------------------------------------
_ALL = "login ok ok ok ok ok ok ok"                          # any signed-in user
_PUBLIC = "ok ok ok ok ok ok ok ok"                           # anyone, signed in or not
_METHOD = "login method method method method method method method"
_PUBLIC_METHOD = "method method method method method method method method"  # public, GET only
_PA = "login ok ok ok ok ok hidden hidden"                   # whoever sees programme PA
_PA_READERS = "login ok ok ok forbidden forbidden hidden hidden"   # office and leaders of A
_PA_OFFICE = "login ok ok forbidden forbidden forbidden hidden hidden"
_D1 = "login ok ok ok ok hidden hidden hidden"               # whoever sees D1's objects
_D1_OFFICE = "login ok ok forbidden forbidden hidden hidden hidden"
_D1_RECORD = "login ok ok forbidden ok hidden hidden hidden"  # office, or D1's own reporter
_D1_OWN = "login forbidden forbidden forbidden ok hidden hidden hidden"  # D1's reporter only
_D1_REPORTER_DRAFT = "login hidden hidden hidden ok hidden hidden hidden"  # the uploader only
_OFFICES = "login ok ok forbidden forbidden forbidden ok forbidden"   # any office, own scope
_IMPORT_A = "login ok ok forbidden forbidden forbidden hidden forbidden"  # office_a's plan import
_API_ALL = "login ok ok ok ok ok ok ok"
_API_METHOD = "method method method method method method method method"
_NOWHERE = "hidden hidden hidden hidden hidden hidden hidden hidden"
_SITE_EDITOR = "login ok forbidden forbidden forbidden forbidden forbidden forbidden"  # site-wide settings: admin only here
_CASE_USERS = "login ok ok forbidden ok ok ok forbidden"  # office and departments have a case list
_CASE_CREATE = "login ok ok forbidden forbidden forbidden ok forbidden"  # office_b: 400, not its region
_CASE_D1 = "login ok ok hidden ok hidden hidden hidden"  # the world's case: office A and D1's handler
_CASE_OFFICE = "login ok ok hidden forbidden hidden hidden hidden"  # an office step on it

_TRANSFER_READERS = "login ok ok ok forbidden forbidden ok ok"   # offices and leaders, own scope
_TRANSFER_A = "login ok ok ok hidden hidden hidden hidden"        # city A's need/declaration: A's office, leader
_TRANSFER_A_OFFICE = "login ok ok forbidden hidden hidden hidden hidden"  # a change of it: A's office

EXPECTATIONS: dict[str, tuple[str, str]] = {
    # technology transfer matching (供需对接): offices manage their region's needs, declarations and
    # matches, leaders read them, reporters have no part (no department owns a need) -----------
    "transfer:needs": (_TRANSFER_READERS, _METHOD),
    "transfer:need_create": (_OFFICES, _OFFICES),
    "transfer:needs_import": (_METHOD, _OFFICES),
    "transfer:need": (_TRANSFER_A, _METHOD),
    "transfer:need_update": (_TRANSFER_A_OFFICE, _TRANSFER_A_OFFICE),
    "transfer:need_close": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:need_propose": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:need_add_match": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:need_publish": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:match_curate": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:match_wrong": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:match_stage": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:patent": (_TRANSFER_READERS, _METHOD),
    "transfer:declarations": (_TRANSFER_READERS, _METHOD),
    "transfer:declaration_create": (_OFFICES, _OFFICES),
    "transfer:declarations_import": (_METHOD, _OFFICES),
    "transfer:declaration": (_TRANSFER_A, _METHOD),
    "transfer:declaration_withdraw": (_METHOD, _TRANSFER_A_OFFICE),
    "transfer:supply": (_TRANSFER_READERS, _METHOD),
    "transfer:index_build": (_METHOD, _OFFICES),
    "transfer:export": (_TRANSFER_READERS, _METHOD),
    "transfer:contracts": (_TRANSFER_READERS, _METHOD),
    "transfer:contract_record": (_METHOD, _OFFICES),
    "api:transfer_needs": (_TRANSFER_READERS, _OFFICES),  # list and create share one URL
    "api:transfer_need_create": (_TRANSFER_READERS, _OFFICES),
    "api:transfer_need_matches": (_TRANSFER_A, _API_METHOD),
    "api:transfer_declarations": (_TRANSFER_READERS, _OFFICES),
    "api:transfer_declaration_create": (_TRANSFER_READERS, _OFFICES),
    "api:transfer_match_stage": (_API_METHOD, _TRANSFER_A_OFFICE),
    # the public page: published match lists and in-force declarations, nothing personal
    "transfer_public:index": (_PUBLIC, _PUBLIC_METHOD),
    # navigation (专利导航): PA's tab for whoever sees PA; the project is linked to D1's task, so
    # D1's reporter reads it and D2's does not see it; only the office edits -----------------
    "navigation:program": (_PA, _METHOD),
    "navigation:create": (_METHOD, _PA_OFFICE),
    "navigation:project": (_D1, _METHOD),
    "navigation:node_save": (_METHOD, _D1_OFFICE),
    "navigation:node_remove": (_METHOD, _D1_OFFICE),
    "navigation:analyse": (_METHOD, _D1_OFFICE),
    "navigation:analysis": (_D1, _METHOD),
    "navigation:analysis_status": (_D1, _METHOD),
    "navigation:aliases": (_D1, _METHOD),
    "navigation:alias_add": (_METHOD, _D1_OFFICE),
    "navigation:alias_remove": (_METHOD, _D1_OFFICE),
    "navigation:version": (_D1, _METHOD),
    "navigation:download": (_D1, _METHOD),
    "navigation:report": (_D1, _METHOD),
    # accounts ------------------------------------------------------------------------------
    "login": (_PUBLIC, _PUBLIC),
    "logout": (_METHOD, _ALL),
    "password_change": (_ALL, _ALL),
    "password_change_done": (_ALL, _METHOD),
    "accounts:users": (_OFFICES, _OFFICES),
    "accounts:user_new": (_OFFICES, _OFFICES),
    # the user edited is reporter_a (a user of city A)
    "accounts:user_edit": ("login ok ok forbidden forbidden forbidden hidden forbidden",
                       "login ok ok forbidden forbidden forbidden hidden forbidden"),
    "accounts:tokens": (_ALL, _ALL),
    # revoking someone else's token answers "令牌不存在" and changes nothing
    "accounts:token_revoke": (_METHOD, _ALL),
    # every token of the users an administrator manages: the offices' page, GET only
    "accounts:managed_tokens": (_OFFICES, _METHOD),
    # the token revoked is reporter_a's: office_b does not manage reporter_a (hidden, as its edit page)
    "accounts:managed_token_revoke": (_METHOD, "login ok ok forbidden forbidden forbidden hidden forbidden"),
    "set_language": (_PUBLIC, _PUBLIC),
    # probes: no login, GET only (503 would fail the row: the test's database and queue are up)
    "healthz": (_PUBLIC, "method method method method method method method method"),
    # audit ---------------------------------------------------------------------------------
    "audit:program": (_PA_READERS, _PA_READERS),
    "audit:program_export": (_PA_OFFICE, _PA_OFFICE),
    "audit:history": (_PA_READERS, _PA_READERS),
    # the security log: the site admin sees all, an office its region's accounts; GET only
    "audit:security": (_OFFICES, _METHOD),
    # API -----------------------------------------------------------------------------------
    "api:openapi-json": (_ALL, _METHOD),
    "api:openapi-view": (_ALL, _METHOD),
    "api:api-root": (_NOWHERE, _NOWHERE),  # ninja's root answers 404 to everyone
    "api:program_list": (_API_ALL, _API_METHOD),
    "api:program_detail": (_PA, _API_METHOD),
    "api:program_verdicts": (_PA, _API_METHOD),
    "api:actuals_list": (_D1, _D1_RECORD),
    "api:actuals_create": (_D1, _D1_RECORD),
    "api:rounds": (_PA, _API_METHOD),
    "api:round_board": (_PA, _API_METHOD),
    "api:report_get": (_D1, _API_METHOD),
    "api:report_put": (_D1, _API_METHOD),
    "api:report_submit": (_API_METHOD, _D1_OWN),
    "api:report_return": (_API_METHOD, _D1_OFFICE),
    "api:report_accept": (_API_METHOD, _D1_OFFICE),
    "api:report_unlock": (_API_METHOD, _D1_OFFICE),
    "api:scorecard": (_PA_READERS, _API_METHOD),
    "api:notifications": (_API_ALL, _API_METHOD),
    # rights-protection cases: the same rules as the pages (list and create share one URL)
    "api:protection_cases": (_CASE_USERS, _CASE_CREATE),
    "api:protection_case_create": (_CASE_USERS, _CASE_CREATE),
    "api:protection_case": (_CASE_D1, _API_METHOD),
    "api:protection_case_contacts": (_API_METHOD, _CASE_D1),
    "api:protection_case_review": (_API_METHOD, _CASE_OFFICE),
    "api:protection_case_assign": (_API_METHOD, _CASE_OFFICE),
    "api:protection_case_refer": (_API_METHOD, _CASE_OFFICE),
    "api:protection_case_receipt": (_API_METHOD, _CASE_D1),
    "api:protection_case_suspend": (_API_METHOD, _CASE_D1),
    "api:protection_case_resume": (_API_METHOD, _CASE_D1),
    "api:protection_case_extend": (_API_METHOD, _CASE_D1),
    "api:protection_case_close": (_API_METHOD, _CASE_D1),
    "api:protection_case_follow_up": (_API_METHOD, _CASE_OFFICE),
    "api:protection_case_archive": (_API_METHOD, _CASE_OFFICE),
    # monitoring ----------------------------------------------------------------------------
    "monitoring:dashboard": (_PA, _PA),
    "monitoring:indicator": (_D1, _D1),
    "monitoring:record": (_METHOD, _D1_RECORD),
    "monitoring:reference": (_METHOD, _D1_OFFICE),
    "monitoring:computed": (_D1_OFFICE, _D1_OFFICE),
    "monitoring:owner": (_METHOD, _D1_OFFICE),
    # the office confirms the catalogue entry the indicator page suggests (no body: a message, a redirect)
    "monitoring:indicator_link": (_METHOD, _D1_OFFICE),
    # what the office can act on, and the records behind a figure: whoever sees the indicator reads them
    "monitoring:actions": (_D1, _METHOD),
    "monitoring:actions_xlsx": (_D1, _METHOD),
    "monitoring:figure_records": (_D1, _METHOD),
    "monitoring:figure_records_xlsx": (_D1, _METHOD),
    "monitoring:figure_records_csv": (_D1, _METHOD),
    "monitoring:attachment": (_D1, _D1),
    "monitoring:template": ("login ok ok forbidden ok ok hidden hidden", "login ok ok forbidden ok ok hidden hidden"),
    "monitoring:upload": ("login ok ok forbidden ok ok hidden hidden", "login ok ok forbidden ok ok hidden hidden"),
    "monitoring:import": (_D1_REPORTER_DRAFT, _D1_REPORTER_DRAFT),
    "monitoring:thresholds": (_PA, _PA_OFFICE),
    "monitoring:dashboard_xlsx": (_PA, _METHOD),  # a reporter's workbook holds its own rows only
    "monitoring:department_template": (_D1_RECORD, _D1_RECORD),
    "monitoring:department_upload": (_D1_RECORD, _D1_RECORD),
    "monitoring:department_import": (_D1_REPORTER_DRAFT, _D1_REPORTER_DRAFT),
    "monitoring:compare": (_ALL, _ALL),
    # POST links I1 to a catalogue entry: another city's office may not name I1 (404)
    "monitoring:links": (_OFFICES, "login ok ok forbidden forbidden forbidden hidden forbidden"),
    # supervision ---------------------------------------------------------------------------
    "supervision:program": (_PA, _METHOD),
    "supervision:round_create": (_METHOD, _PA_OFFICE),
    "supervision:rounds_generate": (_METHOD, _PA_OFFICE),
    "supervision:settings": (_METHOD, _PA_OFFICE),
    "supervision:scorecard": (_PA_READERS, _METHOD),
    "supervision:scorecard_xlsx": (_PA_READERS, _METHOD),
    "supervision:round_status": (_METHOD, _PA_OFFICE),
    # 终期评估 (the office and leaders read it, with its .xlsx); 归档 the office; 取消归档 the site admin
    # only (an office 403). POSTed with a stale stamp: the office and the admin get 409, nothing archived.
    "supervision:final": (_PA_READERS, _METHOD),
    "supervision:final_xlsx": (_PA_READERS, _METHOD),
    "supervision:archive": (_METHOD, _PA_OFFICE),
    "supervision:unarchive": (_METHOD, "login ok forbidden forbidden forbidden forbidden hidden hidden"),
    "supervision:my_reports": (_ALL, _METHOD),
    "supervision:report": (_D1, _METHOD),
    "supervision:report_fill": (_METHOD, _D1_OWN),
    "supervision:report_review": (_METHOD, _D1_OFFICE),
    # reporter_a is D1's head (its e-mail is D1's head_email)
    "supervision:report_head": (_METHOD, _D1_OWN),
    "supervision:attachment_upload": (_METHOD, _D1_OWN),
    "supervision:attachment": (_D1, _METHOD),
    "supervision:attachment_delete": (_METHOD, _D1_OWN),
    "supervision:notifications": (_ALL, _ALL),
    "supervision:board_xlsx": (_PA, _METHOD),  # a reporter's workbook holds its own rows only
    "supervision:report_line": (_METHOD, _D1_OWN),  # task_id: D1's task
    "supervision:report_urge": (_METHOD, _D1_OFFICE),
    # plan import (office only) -------------------------------------------------------------
    "programs:importing:upload": (_OFFICES, _OFFICES),
    "programs:importing:review": (_IMPORT_A, _IMPORT_A),
    "programs:importing:fields": (_METHOD, _IMPORT_A),
    "programs:importing:units": (_METHOD, _IMPORT_A),
    "programs:importing:confirm": (_METHOD, _IMPORT_A),
    "programs:importing:discard": (_METHOD, _IMPORT_A),
    "programs:importing:items": (_IMPORT_A, _IMPORT_A),
    "programs:importing:item_new": (_IMPORT_A, _IMPORT_A),
    "programs:importing:item_edit": (_IMPORT_A, _IMPORT_A),
    "programs:importing:item_delete": (_METHOD, _IMPORT_A),
    "programs:importing:pair": (_METHOD, _IMPORT_A),
    "programs:importing:schedule": (_METHOD, _IMPORT_A),
    # editing a saved programme: office only (403 on a programme the reader sees, before any id)
    "programs:editing:indicator": (_PA_OFFICE, _PA_OFFICE),
    "programs:editing:task": (_PA_OFFICE, _PA_OFFICE),
    "programs:editing:schedule": (_PA_OFFICE, _PA_OFFICE),
    # public open-data pages (政务公开): no sign-in, GET only; PA, I1 and a white paper are
    # published in the world (I2 is not: tests/web/publication proves it never appears)
    "open:index": (_PUBLIC, _PUBLIC_METHOD),
    "open:method": (_PUBLIC, _PUBLIC_METHOD),
    "open:bulk": (_PUBLIC, _PUBLIC_METHOD),
    "open:sitemap": (_PUBLIC, _PUBLIC_METHOD),
    "open:display": (_PUBLIC, _PUBLIC_METHOD),  # no mode: back to the index, nothing changed
    "open:program": (_PUBLIC, _PUBLIC_METHOD),
    "open:program_download": (_PUBLIC, _PUBLIC_METHOD),
    "open:indicator": (_PUBLIC, _PUBLIC_METHOD),
    "open:indicator_download": (_PUBLIC, _PUBLIC_METHOD),
    # rights protection: the ledger import, export, KPIs and statistics (cases-ledger) ----------
    # the import is the office's; a draft is its uploader's own (the site admin did not upload it)
    "protection:ledger_import": (_OFFICES, _OFFICES),
    "protection:ledger_import_review": ("login hidden ok forbidden forbidden forbidden hidden forbidden",
                                        "login hidden ok forbidden forbidden forbidden hidden forbidden"),
    # the export holds the cases the user sees (masked); leaders see statistics only
    "protection:ledger_export": ("login ok ok forbidden ok ok ok forbidden", _METHOD),
    # figures of the cases each sees: the region's for office and leaders, a department's own
    "protection:kpis": (_ALL, _METHOD),
    "protection:kpi_record": (_METHOD, _OFFICES),
    "protection:statistics": (_ALL, _METHOD),
    "protection:statistics_xlsx": (_ALL, _METHOD),
    "protection:statistics_docx": (_ALL, _METHOD),
    # rights protection: the case workflow (cases-app). The world's case is city A's, assigned to
    # D1 with reporter_a as handler. A leader has no case list (masked statistics only); the office
    # registers; the office does every step, D1 its own (receipt, suspend, resume, extend, close)
    "protection:cases": (_CASE_USERS, _METHOD),
    "protection:case_register": (_OFFICES, _OFFICES),
    "protection:case": (_CASE_D1, _METHOD),
    "protection:case_contacts": (_METHOD, _CASE_D1),  # the handler and the office; audited
    "protection:case_review": (_METHOD, _CASE_OFFICE),
    "protection:case_assign": (_METHOD, _CASE_OFFICE),
    "protection:case_refer": (_METHOD, _CASE_OFFICE),
    "protection:case_receipt": (_METHOD, _CASE_D1),
    "protection:case_suspend": (_METHOD, _CASE_D1),
    "protection:case_resume": (_METHOD, _CASE_D1),
    "protection:case_extend": (_METHOD, _CASE_D1),
    "protection:case_close": (_METHOD, _CASE_D1),
    "protection:case_follow_up": (_METHOD, _CASE_OFFICE),
    "protection:case_archive": (_METHOD, _CASE_OFFICE),
    # the case types' limits are the whole site's: any office (and the site admin) edits them; an
    # empty POST is a refused form (400), which changes nothing
    "protection:case_types": (_OFFICES, _METHOD),
    "protection:case_type_update": (_METHOD, _SITE_EDITOR),
    # the holiday notices (节假日安排) are the whole server's: every office reads the years, only the
    # site admin previews and loads a year (an empty POST is a refused form, 400, changing nothing)
    "protection:holidays": (_OFFICES, _METHOD),
    "protection:holidays_preview": (_METHOD, _SITE_EDITOR),
    "protection:holidays_confirm": (_METHOD, _SITE_EDITOR),
    "open:whitepaper": (_PUBLIC, _PUBLIC_METHOD),
    # the office's 公开 tab: publishing is the office's (403 for readers, 404 for another city)
    "publication:manage": (_PA_OFFICE, _METHOD),
    "publication:program_publish": (_METHOD, _PA_OFFICE),
    "publication:indicator_publish": (_METHOD, _PA_OFFICE),
    # datasets (数据集): offices and the site admin list datasets and upload; an import is its
    # region's (office_b: 404); leaders and reporters may not open any of it (403)
    "datasets:list": (_OFFICES, _METHOD),
    "datasets:upload": (_METHOD, _OFFICES),  # an empty form: 400 for whoever may upload
    "datasets:formats": (_OFFICES, _METHOD),  # the upload form's format select for a kind (HTMX)
    "datasets:import": (_IMPORT_A, _METHOD),
    # the 报告 tab: office and leaders of A read and download; only the office generates/uploads
    "reports:program": (_PA_READERS, _METHOD),
    "reports:generate": (_METHOD, _PA_OFFICE),
    "reports:template_upload": (_METHOD, _PA_OFFICE),
    "reports:template_deactivate": (_METHOD, _PA_OFFICE),
    "reports:version": (_PA_READERS, _METHOD),
    "reports:download": (_PA_READERS, _METHOD),
    "reports:publish": (_METHOD, _PA_OFFICE),
    # programmes ----------------------------------------------------------------------------
    "programs:home": (_ALL, _ALL),
    "programs:search": (_ALL, _ALL),
    "programs:program": (_PA, _PA),
    "programs:indicators": (_PA, _PA),
    "programs:tasks": (_PA, _PA),
    "programs:matrix": (_PA, _PA),
    "programs:matrix_xlsx": (_PA_READERS, _PA_READERS),
    "programs:plan_json": (_PA_READERS, _PA_READERS),
    "programs:departments": (_ALL, _ALL),
    "programs:department": (_D1, _D1),
    # 机构改革: the office of the unit's region (or the site admin) renames, merges, retires it; a POST
    # with no body names no stamp and changes nothing (400)
    "programs:department_rename": (_D1_OFFICE, _D1_OFFICE),
    "programs:department_merge": (_D1_OFFICE, _D1_OFFICE),
    "programs:department_retire": (_D1_OFFICE, _D1_OFFICE),
}

# Bodies of POSTs (see above). Keyed like EXPECTATIONS; JSON for ``api:`` keys, a form otherwise.
_ACTUAL = {"year": 2024, "value": 1.5, "source": "matrix", "note": ""}
_CASE_IN = {"case_type": "consult", "channel": "hotline_12330", "ip_kind": "patent", "region_code": "340700",
            "subject": "咨询", "received_on": "2025-03-03",
            "parties": [{"role": "claimant", "kind": "individual", "name": "李四"}]}
POST_BODIES: dict[str, dict] = {
    # transfer: schema-valid bodies; each answers 201, or 400 for another city's region
    "api:transfer_needs": {"enterprise": "某公司", "description": "铜箔表面处理", "region_code": "340700"},
    "api:transfer_need_create": {"enterprise": "某公司", "description": "铜箔表面处理", "region_code": "340700"},
    "api:transfer_declarations": {"pub_number": "CN99000009A", "title": "一种铜箔", "patent_kind": "invention",
                                  "holder": "某大学", "region_code": "340700", "declared_on": "2025-06-01",
                                  "fee_type": "free"},
    "api:transfer_declaration_create": {"pub_number": "CN99000009A", "title": "一种铜箔", "patent_kind": "invention",
                                        "holder": "某大学", "region_code": "340700", "declared_on": "2025-06-01",
                                        "fee_type": "free"},
    "api:transfer_match_stage": {"stage": "contacted"},
    "api:actuals_create": _ACTUAL,
    "api:actuals_list": _ACTUAL,  # the same URL as actuals_create
    "api:report_return": {"comment": "请补充"},
    "api:report_unlock": {"comment": "请修改"},
    "monitoring:links": {"indicator": "{indicator_id}", "standard": ""},
    "supervision:round_status": {"status": "open"},
    "supervision:archive": {"stamp": "stale", "close_open_rounds": "1"},
    "supervision:unarchive": {"stamp": "stale", "reason": "核对"},
    "supervision:report_review": {"action": "return", "comment": "请补充"},
    # schema-valid bodies (the world's case is assigned: each answers 200 or a 400 refusal)
    "api:protection_cases": _CASE_IN,
    "api:protection_case_create": _CASE_IN,
    "api:protection_case_review": {"accept": True, "on": "2025-03-05"},
    "api:protection_case_assign": {"department_id": 999_999},  # no such department: a 400 for whoever may assign
    "api:protection_case_refer": {"body": "稽查支队", "on": "2025-03-05"},
    "api:protection_case_receipt": {"on": "2025-03-05"},
    "api:protection_case_suspend": {"start": "2025-03-05", "reason": "鉴定"},
    "api:protection_case_resume": {"on": "2025-03-05"},
    "api:protection_case_extend": {"days": 1, "reason": "补证"},
    "api:protection_case_close": {"result": "mediated", "on": "2025-03-05"},
    "api:protection_case_follow_up": {"satisfaction": 5, "on": "2025-03-05"},
    "api:protection_case_archive": {"on": "2025-03-05"},
}
