"""ipcity.progress: the two-lens verdict on an indicator (shared/spec/progress-method.md). No Django."""
