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
               f"{report.statements} statements, {report.flags} flags ({report.needs_review} for review)")
    for doc_id, acc in report.accounting.items():
        click.echo(f"  {doc_id}: {acc['lines_in']} table lines = {acc['rows']} rows + "
                   f"{acc['continuations_joined']} continuations")
    if report.skipped:
        click.echo(f"  not documents, left aside: {', '.join(report.skipped)}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
