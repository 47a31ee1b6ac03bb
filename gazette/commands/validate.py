"""CLI commands: validate (see the issue that builds them)."""
