"""ipcity.casework: rights-protection cases (维权援助, 纠纷调处, 快速维权) without Django.

One home for what the ``protection`` app, the CLI and the indicator feed share:
``workflow`` (the vocabularies, the status transitions and the default time limits),
``calendar`` (working days under the State Council's holiday calendar with 调休),
``kpis`` (the case indicators as pure functions over ``CaseFacts``) and ``privacy`` (masking
personal data in exports and statistics). docs/protection.md explains each.
"""
