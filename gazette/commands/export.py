"""CLI commands: export (see the issue that builds them)."""
