"""Command-line interface: ``quality check``, ``quality rules``, ``quality rule ID``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from quality import __version__
from quality.config import Config, ConfigError, find_config, load_config
from quality.document import Document, InputError, read_document
from quality.engine import FileReport, all_rules, check_document, fail_level_reached, rule_by_key

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class UsageError(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="quality", description="Check scraped and machine-rewritten articles."
    )
    p.add_argument("--version", action="version", version=f"quality {__version__}")
    sub = p.add_subparsers(dest="command")

    c = sub.add_parser("check", help="check articles, optionally against their source")
    c.add_argument("paths", nargs="+", metavar="SUSPECT", help="article files or directories")
    c.add_argument("--source", metavar="FILE", help="the original the suspects were copied from")
    c.add_argument(
        "--format", choices=("text", "json"), default=None, help="report format (default: text)"
    )
    c.add_argument(
        "--fail-on",
        choices=("error", "warning", "info", "never"),
        default=None,
        help="exit 1 when a finding reaches this severity (default: error, or the config's)",
    )
    c.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: the nearest .quality.toml, or pyproject.toml with "
        "[tool.quality], from the current directory upward)",
    )
    c.add_argument("--select", action="append", default=[], help="only these rules/categories")
    c.add_argument("--ignore", action="append", default=[], help="skip these rules/categories")
    c.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE")
    c.add_argument("--width", type=int, default=None, help="text report width")

    sub.add_parser("rules", help="list every rule")
    r = sub.add_parser("rule", help="show a rule's documentation")
    r.add_argument("key", metavar="ID", help="rule id or code, e.g. name-corruption or NC01")
    return p


def _error(message: str) -> None:
    """One line on stderr, never wrapped."""
    sys.stderr.write(f"quality: error: {message}\n")


def _split(values: list[str]) -> set[str]:
    return {v.strip() for item in values for v in item.split(",") if v.strip()}


def _expand(paths: list[str], errors: list[dict[str, str]]) -> list[str]:
    """Files as given; directories expand to the article files inside them."""
    out: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(
                str(f) for f in p.rglob("*") if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not found:
                errors.append(
                    {"path": raw, "reason": "is a directory with no article files (.txt .md .html)"}
                )
            out.extend(found)
        else:
            out.append(raw)
    return out


def _config(args: argparse.Namespace) -> Config:
    if args.config:
        return load_config(Path(args.config))
    found = find_config(Path.cwd())
    return load_config(found) if found is not None else Config()


def cmd_check(args: argparse.Namespace, out: Console) -> int:
    config = _config(args)
    known = {k for r in all_rules() for k in (r.id, r.code, r.category)}
    select, ignore = _split(args.select), _split(args.ignore)
    for key in select | ignore:
        if key not in known:
            raise UsageError(f"unknown rule or category '{key}' (see `quality rules`)")
    if select:
        config.select = select  # the command line replaces the config's selection
    config.ignore |= ignore
    if args.fail_on:
        config.fail_on = args.fail_on
    source: Document | None = None
    if args.source:
        try:
            source = read_document(args.source)
        except InputError as exc:
            _error(str(exc))
            return 2
    errors: list[dict[str, str]] = []
    reports: list[FileReport] = []
    for path in _expand(args.paths, errors):
        try:
            doc = read_document(path)
        except InputError as exc:
            errors.append({"path": exc.path, "reason": exc.reason})
            continue
        reports.append(check_document(doc, source, config))
    for e in errors:
        _error(f"{e['path']}: {e['reason']}")
    fmt = args.format or "text"
    target = out
    handle = None
    if args.output:
        handle = open(args.output, "w", encoding="utf-8")  # noqa: SIM115
        target = Console(file=handle, width=args.width or 120, force_terminal=False)
    try:
        if fmt == "json":
            from quality.reporters.json_report import render_json

            settings = {
                "fail_on": config.fail_on,
                "min_source_similarity": config.min_source_similarity,
            }
            indent = 2 if handle is None and sys.stdout.isatty() else None
            text = render_json(reports, errors, [], settings, indent=indent)
            if handle is not None:
                handle.write(text + "\n")
            else:
                sys.stdout.write(text + "\n")
        else:
            from quality.reporters.text import render_text

            if args.width and handle is None:
                target = Console(width=args.width)
            render_text(reports, target, errors, [], config.fail_on)
    finally:
        if handle is not None:
            handle.close()
    if errors:
        return 2
    return 1 if fail_level_reached(reports, config.fail_on) else 0


def cmd_rules(out: Console) -> int:
    table = Table(show_header=True, header_style="bold")
    for col in ("code", "id", "category", "severity", "source", "summary"):
        table.add_column(col)
    for r in all_rules():
        table.add_row(
            r.code, r.id, r.category, r.severity, "needed" if r.needs_source else "-", r.summary
        )
    out.print(table)
    return 0


def cmd_rule(key: str, out: Console) -> int:
    r = rule_by_key(key)
    if r is None:
        raise UsageError(f"unknown rule '{key}' (see `quality rules`)")
    out.print(f"[bold]{r.id}[/] ({r.code}) · {r.category} · default severity {r.severity}")
    out.print(r.documentation(), highlight=False, markup=False)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    out = Console()
    try:
        if args.command == "check":
            return cmd_check(args, out)
        if args.command == "rules":
            return cmd_rules(out)
        if args.command == "rule":
            return cmd_rule(args.key, out)
        parser.print_help()
        return 2
    except (UsageError, ConfigError) as exc:
        _error(str(exc))
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("quality: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
