"""Indicator monitoring: actual values, the two-lens verdict per indicator, dashboards, comparison."""
