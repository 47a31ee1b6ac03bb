"""Helpers of the index tests: small real bulletins written to tmp_path, CLI runs."""
from __future__ import annotations

import json
from pathlib import Path

from gazette.cli import run

BULLETIN = """测试市人民政府关于印发{topic}工作方案的通知
测政发〔{year}〕{serial}号

各县（市、区）人民政府，市政府各部门：
现将《{topic}工作方案》印发给你们，请认真贯彻执行。
一、工作目标
到{year}年底，{topic}覆盖率≥90%，配备AED设备{serial}台。
二、保障措施
各单位要加强组织领导，落实工作责任。

测试市人民政府
{year}年3月{serial}日
（此件公开发布）
"""


def write_bulletin(dir_: Path, name: str, topic: str, year: int = 2021, serial: int = 3) -> Path:
    path = dir_ / name
    path.write_text(BULLETIN.format(topic=topic, year=year, serial=serial), encoding="utf-8")
    return path


def cli_json(capsys, *args) -> tuple[int, object]:
    """Run the CLI with --json; (exit code, parsed stdout)."""
    capsys.readouterr()
    code = run([*args, "--json"])
    text = capsys.readouterr().out
    return code, (json.loads(text) if text.strip() else None)
