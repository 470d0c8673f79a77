"""Supervision (督查督办): reporting rounds, department reports, review, reminders, scorecards."""
