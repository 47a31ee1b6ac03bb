"""Every command is registered, has help text, answers --json (where it prints results) and is in the README."""
from __future__ import annotations

import re

import pytest

from gazette.cli import COMMANDS, app, register, run

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands():
    import typer.main

    register([])  # all command modules
    return typer.main.get_command(app).commands


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_registered_helped_and_documented(name):
    command = _commands()[name]
    assert command.help and command.help.strip(), f"{name} has no help text"
    assert re.search(rf"gazette {name}\b", README), f"README does not show `gazette {name}`"


@pytest.mark.parametrize("name", sorted(set(COMMANDS) - {"schema", "export"}))
def test_command_has_json(name):
    command = _commands()[name]
    for sub in getattr(command, "commands", {name: command}).values():  # a group: each of its commands
        assert any("--json" in p.opts for p in sub.params if hasattr(p, "opts")), (name, sub.name)


def test_every_registered_command_is_in_the_lazy_table():
    assert set(_commands()) == set(COMMANDS)


def test_unknown_option_is_a_usage_error_not_a_crash(capsys):
    assert run(["search", "--no-such-option", "x"]) == 2
    assert "No such option" in capsys.readouterr().err


def test_help_exits_zero(capsys):
    assert run(["--help"]) == 0
    assert "validate" in capsys.readouterr().out
