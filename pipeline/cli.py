"""Command line: arguments in, one library call, a message and an exit code out."""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from .errors import PipelineError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """ivig-kb: the IVIg prescribing-rules knowledge base (raw_documents/ -> curated/)."""


@contextmanager
def _progress(enabled: bool):
    """A progress line on a terminal for builds that take more than a moment; silent otherwise."""
    if not (enabled and sys.stderr.isatty()):
        yield None
        return
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True,
                  console=None) as bar:
        task = bar.add_task("building", total=None)
        yield lambda name: bar.update(task, description=f"building: {name}")


@main.command()
@click.option("--raw", "raw_dir", default="raw_documents", show_default=True, type=click.Path(),
              help="Folder of source documents.")
@click.option("--out", "out_dir", default="curated", show_default=True, type=click.Path(),
              help="Folder the dataset is written to (replaced atomically).")
@click.option("--corrections", default="corrections.yaml", show_default=True, type=click.Path(),
              help="Curator corrections applied on every build (ignored when the file is absent).")
@click.option("--keep-going", is_flag=True, help="Leave out a document that cannot be read, and list it.")
@click.option("--wait", "wait_seconds", default=600.0, show_default=True,
              help="Seconds to wait for another build to finish before refusing (0: refuse at once).")
@click.option("--no-cache", is_flag=True, help="Parse every document again, even unchanged ones.")
@click.option("--workers", default=0, show_default=True,
              help="Processes reading documents in parallel (0: one per core, when eight or more documents change).")
@click.option("--executor", "executor_kind", type=click.Choice(["serial", "process", "dask"]), default="serial",
              show_default=True, help="Where documents are read: here, a process pool, or a Dask cluster.")
@click.option("--scheduler", default=None, help="Dask scheduler address (default: a local cluster of --workers).")
@click.option("--partitioned", is_flag=True,
              help="Write tables as Parquet datasets partitioned by document (for large corpora).")
@click.option("--no-progress", is_flag=True, help="No progress line on the terminal.")
@click.option("--json", "as_json", is_flag=True, help="Print the build report as JSON.")
def build(raw_dir, out_dir, corrections, keep_going, wait_seconds, no_cache, workers, executor_kind, scheduler,
          partitioned, no_progress, as_json) -> None:
    """Build the curated dataset from the source documents."""
    from .build import build as run_build

    try:
        with _progress(not no_progress and not as_json) as tick:
            report = run_build(raw_dir, out_dir, corrections=corrections, keep_going=keep_going,
                               wait_seconds=wait_seconds, cache_dir=False if no_cache else None, progress=tick,
                               workers=workers, executor=executor_kind, scheduler=scheduler,
                               partitioned=partitioned)
    except PipelineError as exc:
        raise click.ClickException(f"build failed, {out_dir}/ left as it was: {exc}") from exc
    except OSError as exc:  # a filesystem fault the library did not name (it names those it expects)
        from .export import reason_of

        raise click.ClickException(f"build failed, {out_dir}/ left as it was: {reason_of(exc)}") from exc
    except MemoryError as exc:
        raise click.ClickException(f"build failed, {out_dir}/ left as it was: out of memory") from exc
    if as_json:
        click.echo(json.dumps(asdict(report), ensure_ascii=False, indent=1))
        return
    if report.up_to_date:
        click.echo(f"{report.out_dir}/ is up to date: no document, correction, option, code or data file changed "
                   f"since it was built ({report.documents} documents, {report.rows} rows, {report.flags} flags)")
        return
    click.echo(f"built {report.out_dir}/: {report.documents} documents from {report.files} files ({report.parsed} "
               f"parsed, {report.files - report.parsed} unchanged), {report.rows} rows, {report.statements} statements, "
               f"{report.regimens} regimens, "
               f"{report.flags} flags ({report.needs_review} for review)")
    for doc_id, acc in report.accounting.items():
        click.echo(f"  {doc_id}: {acc['lines_in']} table lines = {acc['rows']} rows + "
                   f"{acc['continuations_joined']} continuations; {acc.get('kept', 0)} kept + "
                   f"{acc.get('merged', 0)} merged + {acc.get('rejected', 0)} rejected")
    _echo_details(report)


def _echo_details(report) -> None:
    """What a curator should know beyond the counts: corrections not applied, files left out or aside."""
    if any(report.corrections.values()):
        click.echo("  corrections: " + ", ".join(f"{n} {s}" for s, n in report.corrections.items()))
    for item in report.corrections_not_applied:
        click.echo(f"    {item['status']}: {item['id']}: {item['why']}")
    for item in report.left_out:
        click.echo(f"  left out: {item['file']}: {item['reason']}")
    for item in report.duplicates:
        click.echo(f"  duplicate, read once: {item['file']} (the same bytes as {item['same_as']})")
    for item in report.skipped_why:
        click.echo(f"  left aside: {item['file']}: {item['reason']}")


@main.command()
@click.option("--out", "out_dir", default="curated", show_default=True, type=click.Path(exists=True),
              help="A built dataset.")
@click.option("--against", default=None, type=click.Path(exists=True, file_okay=False),
              help="A previous build: the page also lists what changed since it (as `ivig-kb diff`).")
def review(out_dir: str, against: str | None) -> None:
    """Write <out>/review.html (the index) and a page per document in <out>/review/: everything the
    pipeline doubted, the source beside the reading."""
    from .pdf.crops import FOLDER
    from .review import review_folder

    try:
        path = review_folder(out_dir, against)
    except (OSError, ValueError, PipelineError) as exc:
        raise click.ClickException(f"cannot write the review page: {exc}") from exc
    pages = path.parent / FOLDER
    click.echo(f"wrote {path} and {len(list(pages.glob('*.html')))} document pages in {pages}"
               + (f" (with the changes since {against})" if against else ""))


class _DiffTrouble(click.ClickException):
    exit_code = 2  # as diff(1) does: 0 the same, 1 different, 2 trouble


@main.command()
@click.argument("old", type=click.Path(exists=True, file_okay=False))
@click.argument("new", type=click.Path(exists=True, file_okay=False))
@click.option("--all", "everything", is_flag=True,
              help="Also the changes that only follow from others: ids, row numbers, lines, counts, flags, FHIR.")
@click.option("--json", "as_json", is_flag=True,
              help="Print a JSON list of {table, indication_id, item, ordinal, field, old, new} (the API's diff()).")
def diff(old: str, new: str, everything: bool, as_json: bool) -> None:
    """What changed in the guideline between two builds, field by field (exit 0 same, 1 differ, 2 error)."""
    from .diff import changes, diff_text, records

    try:
        found = changes(Path(old), Path(new), everything)
    except (FileNotFoundError, PipelineError) as exc:
        raise _DiffTrouble(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(records(found), ensure_ascii=False, indent=1))
    else:
        click.echo(diff_text(found))
    sys.exit(1 if found else 0)


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


@main.command()
@click.argument("text")
@click.option("--lang", type=click.Choice(["fa", "zh"]), default=None, help="Language (default: from the script).")
@click.option("--json", "as_json", is_flag=True, help='Print {"regimens": [...], "criteria": [...], "flags": [...]}.')
def parse(text: str, lang: str | None, as_json: bool) -> None:
    """Read one dose statement (the API's read_statement): its regimens, thresholds and flags."""
    from .statement import read_statement

    data = read_statement(text, lang).to_dict()
    if as_json:  # allow_nan=False: never "Infinity" or "NaN", which no JSON reader takes
        click.echo(json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False))
        return
    for r in data["regimens"]:
        amount = (f"{r['dose_low_mg_per_kg']:g}-{r['dose_high_mg_per_kg']:g} mg/kg" if r["dose_low_mg_per_kg"] is not None
                  else f"{r['dose_low']:g}-{r['dose_high']:g} {r['dose_unit']}" if r["dose_low"] is not None
                  else "amount not stated")
        timing = ", ".join(f"{k}={r[k]:g}" if isinstance(r[k], float) else f"{k}={r[k]}" for k in (
            "dose_basis", "every_low", "every_high", "every_unit", "frequency", "course_days_low",
            "course_days_high", "doses_count_low", "doses_count_high", "phase", "population") if r[k] is not None)
        click.echo(f"regimen: {amount}" + (f" ({timing})" if timing else "") + f"  <- '{r['source_text']}'")
        for reason in r["review_reasons"]:
            click.echo(f"  review: {reason}")
    for c in data["criteria"]:
        click.echo(f"criterion: {c['analyte']} {c['op']} {c['value_low']:g}"
                   + (f"-{c['value_high']:g}" if c["value_high"] is not None else "") + f" {c['unit']}")
    for f in data["flags"]:
        click.echo(f"flag ({f['severity']}): {f['code']}: {f['message']}")
    if not any(data.values()):
        click.echo("no dose, threshold or flag in this statement")


def run(prog_name: str | None = None) -> None:
    """The console entry point (ivig-kb, python -m pipeline): the command, then a hard exit.

    A normal exit tears down every module the command imported (pandas, numpy, nltk under hazm, ...),
    about a quarter of a second of a build after its last file is written; mypy ends its runs with
    os._exit for the same reason. Every file and process a command opens is closed by its own `with`
    before the command returns (the build's atomic swap, its lock, its pool or cluster), so nothing is
    left to the teardown: the output streams are flushed, and the exit code is the one click gives.
    The library and main() itself (as tests call it) exit normally."""
    import os

    try:
        main(prog_name=prog_name)
        code = 0
    except SystemExit as done:
        code = done.code
    if code is not None and not isinstance(code, int):  # sys.exit("message") semantics
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (ivig-kb ... | head): nothing more can be said
            pass
    os._exit(code or 0)


if __name__ == "__main__":  # pragma: no cover
    run()
