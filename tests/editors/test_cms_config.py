"""The web form editor's configuration is generated from the schemas and covers all of them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterator

import pytest
import yaml
from support import REPO

from stemsite.collections import BY_NAME, COLLECTIONS
from stemsite.editors import cms_config
from stemsite.problems import Report
from stemsite.validate import schemas as schema_files
from stemsite.load.vocabularies import load_vocabularies

ADMIN = REPO / "theme" / "assets" / "admin"


@pytest.fixture(scope="module")
def vocabularies():
    return load_vocabularies(REPO / "data" / "vocabularies", REPO, Report())


@pytest.fixture(scope="module")
def schemas(vocabularies) -> dict[str, dict[str, Any]]:
    return {c.name: schema_files.sync_enums(schema_files.load_schema(REPO / "schemas" / f"{c.name}.schema.json"),
                                            vocabularies) for c in COLLECTIONS}


@pytest.fixture(scope="module")
def config(schemas, vocabularies) -> dict[str, Any]:
    # Through the rendered text, as Decap reads it.
    return yaml.safe_load(cms_config.render(cms_config.cms_config(schemas, vocabularies)))


def schema_fields(schema: dict[str, Any], prefix: str = "", enforced: bool = True
                  ) -> Iterator[tuple[str, dict[str, Any], bool]]:
    """Every property of a schema, nested ones included: (dotted path, schema, required in the form).

    The parts of an optional group (``ages``: ``min``, ``max``) are optional in the form, or
    the group could not be left empty; in a list, each added item needs its required parts.
    """
    needed = set(schema.get("required", ())) if enforced else set()
    for name, sub in schema.get("properties", {}).items():
        if name == "$schema":
            continue
        yield f"{prefix}{name}", sub, name in needed
        if sub.get("type") == "object":
            yield from schema_fields(sub, f"{prefix}{name}.", name in needed)
        elif sub.get("type") == "array" and sub.get("items", {}).get("type") == "object":
            yield from schema_fields(sub["items"], f"{prefix}{name}.")


def config_fields(fields: list[dict[str, Any]], prefix: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    for field in fields:
        yield f"{prefix}{field['name']}", field
        yield from config_fields(field.get("fields", []), f"{prefix}{field['name']}.")


def expected_widget(schema: dict[str, Any]) -> str:
    kind = schema.get("type")
    items = schema.get("items", {})
    if "enum" in schema or schema.get("x-reference") == "municipality" or "enum" in items \
            or items.get("x-reference") == "municipality":
        return "select"
    if kind == "string":
        return {"date": "datetime", "date-or-datetime": "datetime"}.get(schema.get("format", ""), "markdown"
                                                                          if schema.get("x-markdown") else "string/text")
    return {"integer": "number", "number": "number", "boolean": "boolean", "object": "object", "array": "list"}[kind]


@pytest.mark.parametrize("collection", COLLECTIONS, ids=lambda c: c.name)
def test_every_schema_field_is_in_the_form(collection, schemas, vocabularies, config) -> None:
    [entry] = [c for c in config["collections"] if c["name"] == collection.name]
    form = dict(config_fields(entry["fields"]))
    conditional = set(schemas[collection.name].get("else", {}).get("required", ()))
    walked = list(schema_fields(schemas[collection.name]))
    assert len(walked) >= 5
    assert set(form) == {path for path, _s, _r in walked}
    for path, schema, required in walked:
        field = form[path]
        assert field["label"] == schema["title"], path
        if path == "image":
            # The upload: required exactly when the collection needs an image.
            assert field["widget"] == "image" and field["required"] is (collection.image == "required")
            continue
        assert field["hint"] == schema["description"], path
        assert field["required"] is (required and path not in conditional), path
        wanted = expected_widget(schema)
        assert field["widget"] in wanted.split("/"), (path, field["widget"], wanted)
        choices = schema.get("enum") or schema.get("items", {}).get("enum")
        if choices:
            vocabulary = vocabularies[schema.get("x-vocabulary") or schema["items"]["x-vocabulary"]]
            assert field["options"] == [{"label": vocabulary.label(v), "value": v} for v in choices], path
            assert field.get("multiple", False) is (schema.get("type") == "array"), path


def test_records_and_images_live_beside_each_other(config) -> None:
    assert [c["name"] for c in config["collections"]] == [c.name for c in COLLECTIONS]
    for entry in config["collections"]:
        collection = BY_NAME[entry["name"]]
        assert entry["folder"] == f"data/{collection.name}"
        assert (entry["extension"], entry["format"], entry["slug"]) == ("yml", "yml", "{{slug}}")
        assert entry["identifier_field"] == collection.label_field
        # Relative to the record: the upload lands in data/<collection>/ and the field holds its file name.
        assert (entry["media_folder"], entry["public_folder"]) == ("", "")
        assert entry["fields"][0]["comment"] == f"yaml-language-server: $schema=../../schemas/{collection.name}.schema.json"
        assert ("image" in [f["name"] for f in entry["fields"]]) is bool(collection.image)
    assert config["slug"] == {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"}


def test_every_save_is_a_pull_request(config) -> None:
    assert config["publish_mode"] == "editorial_workflow"
    assert config["backend"]["name"] == "github"
    assert config["locale"] == "nl"


def test_repository_and_sign_in_come_from_the_environment(monkeypatch, schemas, vocabularies) -> None:
    monkeypatch.delenv("STEMSITE_CMS_REPO", raising=False)
    monkeypatch.delenv("STEMSITE_CMS_AUTH_URL", raising=False)
    plain = cms_config.cms_config(schemas, vocabularies)["backend"]
    assert plain["repo"] == cms_config.PLACEHOLDER_REPO and "base_url" not in plain
    monkeypatch.setenv("STEMSITE_CMS_REPO", "stem-platform/stem-site")
    monkeypatch.setenv("STEMSITE_CMS_AUTH_URL", "https://aanmelden.stem-site.example")
    configured = cms_config.cms_config(schemas, vocabularies)["backend"]
    assert configured["repo"] == "stem-platform/stem-site"
    assert configured["base_url"] == "https://aanmelden.stem-site.example"


def test_municipalities_are_chosen_by_name(config) -> None:
    [academies] = [c for c in config["collections"] if c["name"] == "academies"]
    [municipality] = [f for f in academies["fields"] if f["name"] == "municipality"]
    assert {"label": "Maldegem (43010)", "value": "43010"} in municipality["options"]
    assert len(municipality["options"]) > 500


def test_built_site_serves_the_admin(sample_site: Path) -> None:
    page = (sample_site / "admin" / "index.html").read_text(encoding="utf-8")
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources == ["../assets/images/stem-logo.svg", "config.yml", "../meedoen/", "../assets/admin/decap-cms.js"]
    assert (sample_site / "assets" / "admin" / "decap-cms.js").is_file()
    built = yaml.safe_load((sample_site / "admin" / "config.yml").read_text(encoding="utf-8"))
    assert built["publish_mode"] == "editorial_workflow"


def test_vendored_bundle_matches_its_pinned_version() -> None:
    readme = (ADMIN / "README.md").read_text(encoding="utf-8")
    version = re.search(r"decap-cms@([0-9.]+)", readme).group(1)
    bundle = (ADMIN / "decap-cms.js").read_text(encoding="utf-8")
    assert f'"decap-cms@{version}"' in bundle
    # The pieces it loads on demand (numbered chunks) ship beside it, with the licences.
    assert (ADMIN / "LICENSE.txt").is_file() and (ADMIN / "decap-cms.js.LICENSE.txt").is_file()
    assert len(list(ADMIN.glob("[0-9]*.decap-cms.js"))) > 10
