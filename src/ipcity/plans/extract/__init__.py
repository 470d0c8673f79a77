"""Stage 4: the section tree → metadata, indicators, tasks, phases and reporting duties.

One module per kind of item; each rule is a small named function.
"""
