"""Accounts: the user administration pages and personal API tokens, with their audited writes.

A layer above ``ipcity.audit`` (every change to a person or a token writes an audit record through
``ipcity.audit.services``) and below the programme apps. What the audit app itself needs to know
about people — the models (``core.Profile``, ``core.ApiToken``), roles and ``manageable_users`` —
stays in ``ipcity.core``, below audit, so the audit trail can scope by it without a cycle.
The pages' templates are ``core/users.html``, ``core/user_form.html``, ``core/tokens.html`` and
``core/managed_tokens.html``.
"""
