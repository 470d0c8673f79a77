"""ipcity.analytics: patent records → official IP indicators, one district to the whole country.

No Django here (an import-linter contract keeps it so). DuckDB by default, Spark for national
scale, both through the same Ibis expressions. See ``shared/spec/ip-indicators.md``.
"""
