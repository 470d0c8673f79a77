"""数据集: the office imports a patent export or an IP-records file in the browser.

The page lists the installation's datasets (``ipcity.analytics.datasets``) and the recent web
imports; an upload is stored and imported by a huey job (``tasks.dataset_import``) through the same
importers as the CLI (``analytics.importer.import_file``, ``analytics.record_import.import_records``).
Who may import into which dataset: ``ipcity.datasets.access`` (docs/datasets.md).
"""
