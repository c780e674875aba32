"""Command line: arguments in, one library call, a message and an exit code out."""
from __future__ import annotations

import json
import sys

import click

from .errors import PipelineError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """ivig-kb: the IVIg prescribing-rules knowledge base (raw_documents/ -> curated/)."""


@main.command()
@click.option("--raw", "raw_dir", default="raw_documents", show_default=True, type=click.Path(),
              help="Folder of source documents.")
@click.option("--out", "out_dir", default="curated", show_default=True, type=click.Path(),
              help="Folder the dataset is written to (replaced atomically).")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
def build(raw_dir: str, out_dir: str, as_json: bool) -> None:
    """Build the curated dataset from the source documents."""
    from .build import build as run_build

    try:
        report = run_build(raw_dir, out_dir)
    except PipelineError as exc:
        raise click.ClickException(f"build failed, {out_dir}/ left as it was: {exc}") from exc
    if as_json:
        from dataclasses import asdict

        click.echo(json.dumps(asdict(report), ensure_ascii=False, indent=1))
        return
    click.echo(f"built {report.out_dir}/: {report.documents} documents, {report.rows} rows, "
               f"{report.flags} flags ({report.needs_review} for review)")
    for doc_id, acc in report.accounting.items():
        click.echo(f"  {doc_id}: {acc['lines_in']} table lines = {acc['rows']} rows + "
                   f"{acc['continuations_joined']} continuations")
    if report.skipped:
        click.echo(f"  not documents, left aside: {', '.join(report.skipped)}")


def _load(curated: str | None):
    from .api import load

    try:
        return load(curated)
    except PipelineError as exc:
        raise click.ClickException(str(exc)) from exc


_CURATED = click.option("--curated", "curated", default=None, type=click.Path(),
                        help="Folder of the curated dataset (default: the repository's curated/).")


@main.command()
@_CURATED
@click.option("--json", "as_json", is_flag=True, help="Print {table: rows} as JSON.")
def tables(curated: str | None, as_json: bool) -> None:
    """List the curated tables and their rows (the API's load().summary())."""
    kb = _load(curated)
    summary = kb.summary()
    if as_json:
        click.echo(json.dumps(summary, indent=1))
        return
    click.echo(f"{kb.folder}/")
    for name, rows in summary.items():
        click.echo(f"  {name:<16} {rows:>5} rows" + ("" if name in kb.present else "  (not built)"))


@main.command()
@click.argument("table")
@_CURATED
@click.option("--indication", "indication_id", default=None, help="Only the rows of this canonical indication.")
@click.option("--json", "as_json", is_flag=True, help="Print the rows as a JSON array (the API's records()).")
def show(table: str, curated: str | None, indication_id: str | None, as_json: bool) -> None:
    """Print one table's rows (the API's load().table() and records())."""
    kb = _load(curated)
    try:
        if as_json:
            click.echo(json.dumps(kb.records(table, indication_id), ensure_ascii=False, indent=1))
            return
        frame = kb.table(table, indication_id)
    except PipelineError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(frame.to_string(max_colwidth=40, max_rows=200))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
