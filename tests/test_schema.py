"""The checked-in JSON Schemas match the models, and every sample validates against them."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from fupin_forms.cli import main
from fupin_forms.models import FORMS
from fupin_forms.records import detect_form
from fupin_forms.schema import all_schemas, schema_text

from .conftest import ROOT, invalid_cases, load, sample_files

SCHEMAS = ROOT / "schemas"


def test_checked_in_schemas_do_not_drift() -> None:
    """Regenerate with: fupin-forms schema -o schemas/"""
    expected = all_schemas()
    on_disk = {p.name for p in SCHEMAS.glob("*.json")}
    assert on_disk == set(expected)
    for name, schema in expected.items():
        assert (SCHEMAS / name).read_text("utf-8") == schema_text(schema), name


def test_schema_command_writes_the_same_files(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["schema", "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for path in SCHEMAS.glob("*.json"):
        assert (tmp_path / "out" / path.name).read_bytes() == path.read_bytes()


@pytest.mark.parametrize("form", sorted(FORMS))
def test_schemas_are_draft_2020_12_with_chinese_titles(form: str) -> None:
    schema = load(SCHEMAS / f"{form}.schema.json")
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["properties"]["filled_on"]["title"] == "填表时间"
    assert schema["additionalProperties"] is False


def test_personal_fields_are_marked() -> None:
    schema = load(SCHEMAS / "annex4.schema.json")
    assert schema["properties"]["phone"].get("x-personal") is True
    assert schema["properties"]["email"].get("x-personal") is True
    assert schema["properties"]["address"].get("x-personal") is True
    assert schema["$defs"]["Village"]["properties"]["phone"].get("x-personal") is True


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_samples_validate_with_pydantic_and_jsonschema(path: Path) -> None:
    data = load(path)
    form = detect_form(data)
    assert form is not None
    model = FORMS[form].model_validate(data)
    schema = load(SCHEMAS / f"{form}.schema.json")
    jsonschema.Draft202012Validator(schema).validate(data)
    jsonschema.Draft202012Validator(schema).validate(model.model_dump(mode="json"))


def test_schema_rejects_what_the_model_rejects() -> None:
    schema = load(SCHEMAS / "annex4.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"category": "科普类"})
    assert not validator.is_valid({"postcode": "2760"})
    assert not validator.is_valid({"villages": [{"village": "x"}]})
    assert validator.is_valid({})


def test_feed_record_schema_accepts_our_records(tmp_path: Path) -> None:
    from fupin_forms import parse_paths

    schema = load(SCHEMAS / "feed-record.schema.json")
    records = list(parse_paths([*sample_files(), *invalid_cases()]))
    assert len(records) == len(sample_files()) + len(invalid_cases())
    for record in records:
        jsonschema.Draft202012Validator(schema).validate(record)
    json.dumps(records, ensure_ascii=False)
