"""Reads of supervision data, one module per page or question; import from the module (this
package re-exports nothing):

- ``rounds``            the programme's settings and rounds, the current round, the time-proportional schedule
- ``board``             the board of a round: one cell per department × task, its colour and the reason
- ``rollup``            task status from the lead department's report, per section and for the programme
- ``department_scores`` the departments' scorecard (the method: ``docs/supervision-scoring.md``)
- ``worklists``         what waits for whom: the reports page, a reporter's to-do, the office's counts, overdue reports
- ``inbox``             a user's in-app notifications: counts, filters, groups
- ``reported_texts``    what the departments wrote in the reports they handed in (for the report engine)

Each function does a fixed, small number of queries whatever the size of the round (the board
of 30 tasks × 25 departments is three queries), and computes the rest in Python.
"""
