"""CLI command groups; each module registers its commands on `gazette.cli.app`."""
