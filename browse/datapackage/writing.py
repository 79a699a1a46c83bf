"""The tables written out: one CSV each, datapackage.json describing them, the same rows as JSON
Lines, and all of it as one zip."""

import csv
import io
import json
import zipfile

from browse.datapackage.fields import LICENCE_NOTE, Field, Table
from browse.datapackage.tables import tables


def descriptor(all_tables: list[Table]) -> dict:
    return {
        "name": "alliance-kb",
        "title": "Alliance KB: policy proposals on the U.S.-Japan alliance",
        "description": "The published knowledge base: source documents, their proposals with "
        "verbatim quotes anchored by character offsets, and the themes, actors and frameworks "
        "they are tagged with. " + LICENCE_NOTE,
        "resources": [
            {
                "name": table.name,
                "title": table.title,
                "path": f"{table.name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [_field(field) for field in table.fields],
                    "primaryKey": table.primary_key,
                    "foreignKeys": [
                        {"fields": fields, "reference": {"resource": target, "fields": keys}}
                        for fields, target, keys in table.foreign_keys
                    ],
                },
            }
            for table in all_tables
        ],
    }


def _field(field: Field) -> dict:
    spec = {"name": field.name, "type": field.type, "description": field.description}
    constraints = {}
    if field.required:
        constraints["required"] = True
    if field.pattern:
        constraints["pattern"] = field.pattern
    if constraints:
        spec["constraints"] = constraints
    return spec


def csv_bytes(table: Table) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, [field.name for field in table.fields], lineterminator="\n")
    writer.writeheader()
    writer.writerows(table.rows)
    return out.getvalue().encode("utf-8")


def jsonl_bytes(table: Table) -> bytes:
    lines = (json.dumps(row, ensure_ascii=False) for row in table.rows)
    return "".join(line + "\n" for line in lines).encode("utf-8")


def files(base_url: str) -> dict[str, bytes]:
    """{file name: content}: the CSVs, datapackage.json and the JSON Lines (in jsonl/)."""
    all_tables = tables(base_url)
    out = {"datapackage.json": json.dumps(descriptor(all_tables), indent=2).encode("utf-8")}
    for table in all_tables:
        out[f"{table.name}.csv"] = csv_bytes(table)
        out[f"jsonl/{table.name}.jsonl"] = jsonl_bytes(table)
    return out


def zip_bytes(base_url: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files(base_url).items():
            archive.writestr(f"alliance-kb-data/{name}", content)
    return buffer.getvalue()
