"""机构改革: the office renames a member unit, merges it into another or retires it.

``services`` holds the three writes (each one transaction with its audit records), ``selectors``
what they read (the live work a merge moves and a retirement counts, the edit stamps, successors),
``views`` and ``forms`` the pages that show what a change will do before it is confirmed.
docs/departments.md.
"""
