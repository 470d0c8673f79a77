"""Rights protection and disputes (维权援助、纠纷调处、快速维权): the case workflow from intake to
archive, its ledger and its statistics. The rules (working days, transitions, vocabularies, KPIs,
masking) live in the Django-free library ``ipcity.casework``; this app stores and shows cases."""
