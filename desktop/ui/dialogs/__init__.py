"""The window's dialogs for briefs, printing, sharing and backups (each its own module)."""
