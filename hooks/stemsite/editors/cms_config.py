"""The web form editor at ``/admin/``: Decap CMS, configured from the schemas at build time.

Nothing about a field is written twice: each schema property becomes a form field with
the schema's Dutch ``title`` as label, its ``description`` as help, ``required`` from the
schema, a widget chosen by type, and for vocabulary fields the vocabulary's values and
labels. Images are uploaded beside the record (``media_folder: ""`` is the record's own
folder). ``publish_mode: editorial_workflow`` turns every save into a pull request.

The repository and the sign-in service come from the environment (the deploy sets them):
``STEMSITE_CMS_REPO`` (``owner/name``), ``STEMSITE_CMS_BRANCH`` and
``STEMSITE_CMS_AUTH_URL`` (the OAuth service that lets staff sign in with GitHub). Without
``STEMSITE_CMS_REPO`` the configuration says so in a placeholder that cannot sign in.
"""

from __future__ import annotations

import os
from typing import Any

import yaml

from .. import places
from ..collections import COLLECTIONS, Collection
from ..validate import schemas as schema_files
from ..vocabularies import Vocabulary
from ..sitebuild import Asset, Produced, SiteBuild
from .yaml_out import schema_line


PLACEHOLDER_REPO = "EIGENAAR/REPOSITORY-INVULLEN"
"""Shown when ``STEMSITE_CMS_REPO`` is not set: sign-in then fails visibly, never silently."""
_LONG_TEXT = 200
"""Text fields allowing more than this many characters get a multi-line box."""
_MARKDOWN_BUTTONS = ["bold", "italic", "link", "bulleted-list", "numbered-list", "heading-three"]


def backend() -> dict[str, Any]:
    """The GitHub backend, read from the environment (see the module docstring)."""
    result: dict[str, Any] = {
        "name": "github",
        "repo": os.environ.get("STEMSITE_CMS_REPO") or PLACEHOLDER_REPO,
        "branch": os.environ.get("STEMSITE_CMS_BRANCH") or "main",
        "commit_messages": {
            "create": "Nieuw in {{collection}}: {{slug}}",
            "update": "Bijgewerkt in {{collection}}: {{slug}}",
            "delete": "Verwijderd uit {{collection}}: {{slug}}",
            "uploadMedia": "Afbeelding toegevoegd: {{path}}",
            "deleteMedia": "Afbeelding verwijderd: {{path}}",
        },
    }
    if os.environ.get("STEMSITE_CMS_AUTH_URL"):
        result["base_url"] = os.environ["STEMSITE_CMS_AUTH_URL"]
    return result


def _municipality_options() -> list[dict[str, str]]:
    # Every current municipality, by name: staff pick "Maldegem", the file gets 43010.
    found = sorted(places.municipalities().values(), key=lambda m: (m.name.casefold(), m.code))
    return [{"label": f"{m.name} ({m.code})", "value": m.code} for m in found]


def _options(schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> list[dict[str, str]]:
    vocabulary = vocabularies.get(schema.get("x-vocabulary", ""))
    return [{"label": vocabulary.label(v) if vocabulary else str(v), "value": v} for v in schema["enum"]]


def _widget(schema: dict[str, Any], vocabularies: dict[str, Vocabulary], required: bool = True) -> dict[str, Any]:
    """Widget settings for one value (without name, label, hint and required)."""
    kind = schema.get("type")
    if "enum" in schema:
        return {"widget": "select", "options": _options(schema, vocabularies)}
    if schema.get("x-reference") == "municipality":
        return {"widget": "select", "options": _municipality_options()}
    if kind == "boolean":
        return {"widget": "boolean"}
    if kind in ("integer", "number"):
        widget: dict[str, Any] = {"widget": "number", "value_type": "int" if kind == "integer" else "float"}
        widget.update({key: schema[s] for key, s in (("min", "minimum"), ("max", "maximum")) if s in schema})
        return widget
    if kind == "object":
        # An optional group (ages, focus) must stay empty-able: the form then asks for none of its
        # parts; the build still says when one part is given without the other.
        return {"widget": "object", "collapsed": not required, "fields": _fields(schema, vocabularies, required)}
    if kind == "array":
        return _list(schema, vocabularies)
    if schema.get("format") == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "DD-MM-YYYY", "time_format": False,
                "picker_utc": True}
    if schema.get("format") == "date-or-datetime":
        return {"widget": "datetime", "format": "YYYY-MM-DDTHH:mm", "date_format": "DD-MM-YYYY",
                "time_format": "HH:mm"}
    if schema.get("x-markdown"):
        return {"widget": "markdown", "buttons": _MARKDOWN_BUTTONS, "editor_components": [],
                "modes": ["rich_text", "raw"]}
    if schema.get("format") == "https-url":
        return {"widget": "string", "pattern": ["^https://", "Begin met https://"]}
    widget = {"widget": "text" if schema.get("maxLength", 0) > _LONG_TEXT else "string"}
    if "pattern" in schema:
        widget["pattern"] = [schema["pattern"], schema.get("x-fix", "Dit heeft niet de juiste vorm.")]
    return widget


def _list(schema: dict[str, Any], vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """A list: several choices, several objects, or free values (typed with commas)."""
    items = schema.get("items", {})
    bounds = {key: schema[s] for key, s in (("min", "minItems"), ("max", "maxItems")) if s in schema}
    if "enum" in items or items.get("x-reference") == "municipality":
        return {**_widget(items, vocabularies), "multiple": True, **bounds}
    if items.get("type") == "object":
        label_key = next(iter(items.get("properties", {})), "")
        return {"widget": "list", "collapsed": False, "summary": f"{{{{fields.{label_key}}}}}",
                "label_singular": items.get("title", ""), "fields": _fields(items, vocabularies), **bounds}
    return {"widget": "list", **bounds}


def field(name: str, schema: dict[str, Any], required: bool, vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """One form field: the schema's Dutch title and help, required flag and widget."""
    result = {"name": name, "label": schema.get("title", name), "required": required}
    if schema.get("description"):
        result["hint"] = schema["description"]
    result.update(_widget(schema, vocabularies, required))
    return result


def _fields(schema: dict[str, Any], vocabularies: dict[str, Vocabulary], enforce: bool = True) -> list[dict[str, Any]]:
    needed = set(schema.get("required", ())) if enforce else set()
    return [field(name, sub, name in needed, vocabularies)
            for name, sub in schema.get("properties", {}).items() if name != "$schema"]


def _image_field(collection: Collection, schema: dict[str, Any]) -> dict[str, Any]:
    """The upload of the logo or photo; it lands beside the record (see ``media_folder``)."""
    extensions = ", ".join(f".{e}" for e in collection.image_extensions)
    return {
        "name": "image", "label": schema.get("title", "Afbeelding"), "widget": "image",
        "required": collection.image == "required", "choose_url": False,
        "hint": (f"Geef het bestand vóór het uploaden de naam van het record ({extensions}): de naam in kleine "
                 "letters met koppeltekens, bv. 'Mijn Organisatie' → mijn-organisatie.png. "
                 "Een andere naam wordt bij de controle van je voorstel gemeld."),
    }


def collection_config(collection: Collection, schema: dict[str, Any],
                      vocabularies: dict[str, Vocabulary]) -> dict[str, Any]:
    """One Decap collection: ``data/<name>/<slug>.yml`` with every field of the schema."""
    fields = _fields(schema, vocabularies)
    # The schema's "image" property becomes the upload widget, right under the name.
    fields = [f for f in fields if f["name"] != "image"]
    if collection.image:
        fields.insert(1, _image_field(collection, schema["properties"].get("image", {})))
    # Decap writes field comments above the key: this keeps the editor-schema line first.
    fields[0]["comment"] = schema_line(collection.name).removeprefix("# ")
    return {
        "name": collection.name,
        "label": collection.title,
        "label_singular": schema.get("title", collection.kind),
        "description": schema.get("description", ""),
        "folder": f"data/{collection.name}",
        "extension": "yml",
        "format": "yml",
        "create": True,
        "delete": True,
        "identifier_field": collection.label_field,
        "slug": "{{slug}}",
        "summary": f"{{{{{collection.label_field}}}}}",
        "sortable_fields": [collection.label_field],
        "media_folder": "",
        "public_folder": "",
        "fields": fields,
    }


def cms_config(schemas: dict[str, dict[str, Any]], vocabularies: dict[str, Vocabulary],
               site_url: str = "") -> dict[str, Any]:
    """The whole Decap configuration for these schemas."""
    config: dict[str, Any] = {
        "backend": backend(),
        "publish_mode": "editorial_workflow",
        "locale": "nl",
        # A global media folder is required; uploads belong in a record's own folder, so the
        # check reports anything that lands here (see CONTRIBUTING.md).
        "media_folder": "data/uploads",
        "public_folder": "",
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": [collection_config(c, schemas[c.name], vocabularies) for c in COLLECTIONS],
    }
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config


def render(config: dict[str, Any]) -> str:
    """``admin/config.yml``: generated, with a header saying so."""
    head = ("# Gegenereerd bij elke build uit schemas/ en data/vocabularies/ "
            "(hooks/stemsite/editors/cms_config.py). Niet met de hand aanpassen.\n")
    # libyaml's emitter when present: the same text as safe_dump, a second less on every build.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return head + yaml.dump(config, Dumper=dumper, sort_keys=False, allow_unicode=True, width=120)


def produce(build: SiteBuild) -> Produced:
    """``admin/config.yml`` and the admin page (the CMS bundle itself is a theme asset)."""
    project = build.project
    vocabularies = build.catalog.vocabularies
    schemas = {c.name: schema_files.sync_enums(schema_files.load_schema(project.schemas / f"{c.name}.schema.json"),
                                               vocabularies) for c in COLLECTIONS}
    config = cms_config(schemas, vocabularies, project.site_url)
    return Produced(assets=[
        Asset("admin/config.yml", content=render(config).encode("utf-8")),
        Asset("admin/index.html", source=project.theme / "admin" / "index.html"),
    ])
