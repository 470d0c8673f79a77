"""The report engine: annual report, 情况通报, white paper and leaders' summary, from live data.

A report is built in two steps. A *snapshot* builder (``reports.snapshot``) reads the other apps'
selectors and returns plain data, every number frozen; a *renderer* (``reports.render``) writes it
as PDF (WeasyPrint) or .docx (docxtpl) in the GB/T 9704-2012 layout. Every generated file is a
``ReportVersion`` kept with its snapshot, so a report can be reproduced and compared later.
"""
