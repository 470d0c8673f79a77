"""``ipcity patents synth --records N --out DIR [--seed S] [--sei-rules FILE] [--dataset NAME]``.

Writes ``DIR/records.parquet`` (canonical schema) with believable synthetic records, streamed in
chunks so that 10 million rows need little memory; the same seed gives the same file. With
``--dataset`` the records are also stored as a dataset. See ``ipcity.analytics.synth``.
"""

from __future__ import annotations

import time

import click

from ipcity.cli.groups import BadInput, patents


@patents.command("synth")
@click.option("--records", type=click.IntRange(min=1), required=True, help="How many records.")
@click.option("--out", type=click.Path(file_okay=False), required=True, help="Directory for records.parquet.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--sei-rules", type=click.Path(dir_okay=False), default=None,
              help="SEI concordance to draw part of the IPC symbols from; default $IPCITY_SEI_RULES, else the version loaded with `ipcity patents reference sei`.")
@click.option("--dataset", default=None, help="Also store the records as this dataset.")
def synth_command(records: int, out: str, seed: int, sei_rules: str | None, dataset: str | None) -> None:
    """Make N synthetic canonical patent records (seeded, repeatable)."""
    from ipcity.analytics.reference import resolve_sei_rules
    from ipcity.analytics.sei import SeiTableError, load_sei_table
    from ipcity.analytics.synth import write_synth

    sei_path, _ = resolve_sei_rules(sei_rules)
    try:
        sei = load_sei_table(sei_path) if sei_path else None
    except SeiTableError as exc:
        raise BadInput(str(exc)) from exc
    start = time.perf_counter()
    path = write_synth(records, out, seed=seed, sei=sei)
    click.echo(f"{records} records -> {path} ({time.perf_counter() - start:.1f} s)")
    if dataset:
        import pyarrow.parquet as pq

        from ipcity.analytics import datasets

        parquet = pq.ParquetFile(path)
        batches = (parquet.read_row_group(i) for i in range(parquet.num_row_groups))
        datasets.write_dataset(dataset, batches, {"source": str(path), "format": "synth", "seed": seed})
        click.echo(f"dataset {dataset} written")
