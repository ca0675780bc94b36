"""Reporters render findings; they never decide anything."""

from __future__ import annotations

from quality.reporters.json_report import render_json, report_dict
from quality.reporters.text import render_text

__all__ = ["render_json", "render_text", "report_dict"]
