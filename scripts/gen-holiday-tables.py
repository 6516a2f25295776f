#!/usr/bin/env python3
"""Writes the reference holiday tables under tests/data/holidays/ from the Python package `holidays`.

The tables are committed; rerun this only to refresh them:
    pip install 'holidays==0.109' && python3 scripts/gen-holiday-tables.py
The test `tests/integration/holidays.rs` compares every Casebook calendar with them, every day of 2000-2050.
"""
import pathlib

import holidays

YEARS = range(2000, 2051)
CALENDARS = {
    "gb-eng": lambda: holidays.GB(subdiv="ENG", years=YEARS),
    "gb-sct": lambda: holidays.GB(subdiv="SCT", years=YEARS),
    "gb-nir": lambda: holidays.GB(subdiv="NIR", years=YEARS),
    "ie": lambda: holidays.IE(years=YEARS),
    "de": lambda: holidays.DE(years=YEARS),
    "de-hh": lambda: holidays.DE(subdiv="HH", years=YEARS),
    "fr": lambda: holidays.FR(years=YEARS),
    "nl": lambda: holidays.NL(years=YEARS),
    "us": lambda: holidays.US(years=YEARS),
    "us-ca": lambda: holidays.US(subdiv="CA", years=YEARS),
    "jp": lambda: holidays.JP(years=YEARS, language="en_US"),
}

out = pathlib.Path(__file__).resolve().parent.parent / "tests" / "data" / "holidays"
out.mkdir(parents=True, exist_ok=True)
for name, make in CALENDARS.items():
    days = make()
    lines = [f"{d.isoformat()}\t{days.get(d)}" for d in sorted(days)]
    header = f"# {name}: holidays {holidays.__version__}, {YEARS.start}-{YEARS.stop - 1}\n"
    (out / f"{name}.tsv").write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{name}: {len(lines)} days")
