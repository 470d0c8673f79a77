"""ipcity: run a city's national IP-strong-city programme from plan document to annual report."""

__version__ = "0.1.0"
