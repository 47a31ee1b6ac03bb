"""CLI commands: index (see the issue that builds them)."""
