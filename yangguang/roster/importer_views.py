"""Placeholder replaced by the import/export work."""
