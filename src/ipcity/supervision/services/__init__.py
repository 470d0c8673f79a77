"""Every change to supervision data: one atomic, audited function each; notifications on commit.

One module per concern; import from the module that does the thing (this package re-exports nothing):

- ``rounds``               rounds generated from the reporting duties or added by the office, and their reports
- ``report_filling``       the department's side: save the form or one task, submit, the head's approval
- ``office_review``        the office's side: return (with comments per task), accept, unlock
- ``report_transitions``   the review path every report change walks, and its two refusals
- ``attachments``          evidence files, checked before anything is written
- ``supervision_settings`` the programme's supervision settings
- ``inbox``                marking a user's in-app notifications read
- ``notify``               telling people: in-app notifications now, e-mail on commit (used by the others)
- ``urging``               催办 an overdue department from the board; the office's daily summary of what is overdue
- ``reminders``            the daily scan: rounds generated, reminders before, on and after the due date

Who may do what is decided once, in ``ipcity.supervision.permissions``; each service asks it, so
a call from the API, a job or a test is refused exactly as the page is.
"""
