"""The content data files: valid against their schemas, and every bad entry named precisely."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from cocm_content.data import load_content
from cocm_content.datafiles import FILES, KINDS
from cocm_content.schema import ContentError

from .conftest import ROOT, docs_page_exists


def load(root: Path, page_exists=docs_page_exists):
    return load_content(root, page_exists)


def edit(root: Path, stem: str, change) -> None:
    """Apply ``change`` to the parsed entries of content/<stem>.yml and write them back."""
    path = root / "content" / f"{stem}.yml"
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(entries)
    path.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")


def errors_for(root: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load(root)
    return caught.value.errors


def test_every_data_file_is_valid():
    content = load(ROOT)
    assert len(content.glossary) >= 25
    assert len(content.misconceptions) >= 8
    assert {p["audience"] for p in content.pathways} >= {"clinician", "trainee", "supervisor", "trainer"}
    assert all(s["kind"] in KINDS for s in content.sources.values())


def test_explainer_source_keys_are_in_the_bibliography():
    keys = set(load(ROOT).sources)
    needed = {
        "aims-pc", "tamu-ebc", "icsi", "ps-mbc-2020", "lowe-2004", "simon-item9", "louzon-2016",
        "aims-caseload", "impact-abs", "bao-2016", "compass-rpp", "germanimpact", "aims-clinical",
        "sdn-2015", "kroenke-2001", "spitzer-2006",
    }
    assert needed <= keys


def test_missing_field_names_file_entry_and_field(content_copy):
    edit(content_copy, "glossary", lambda es: next(e for e in es if e["id"] == "registry").pop("definition"))
    assert "content/glossary.yml: entry 'registry': field 'definition' is missing" in errors_for(content_copy)


def test_empty_field_is_an_error(content_copy):
    edit(content_copy, "misconceptions", lambda es: es[0].update(truth="  "))
    first = yaml.safe_load((ROOT / "content" / "misconceptions.yml").read_text(encoding="utf-8"))[0]["id"]
    assert f"content/misconceptions.yml: entry '{first}': field 'truth' is empty" in errors_for(content_copy)


def test_entry_without_key_is_named_by_position(content_copy):
    edit(content_copy, "smart_objectives", lambda es: es[1].pop("id"))
    assert "content/smart_objectives.yml: entry #2: field 'id' is missing" in errors_for(content_copy)


def test_duplicate_source_key_fails(content_copy):
    edit(content_copy, "sources", lambda es: es.append(dict(es[0])))
    key = yaml.safe_load((ROOT / "content" / "sources.yml").read_text(encoding="utf-8"))[0]["key"]
    expected = f"content/sources.yml: entry '{key}': field 'key' duplicates entry #1"
    assert any(expected in e for e in errors_for(content_copy))


def test_unknown_kind_lists_the_allowed_ones(content_copy):
    edit(content_copy, "sources", lambda es: next(e for e in es if e["key"] == "impact-abs").update(kind="blog"))
    message = next(e for e in errors_for(content_copy) if "'impact-abs'" in e)
    assert message.startswith("content/sources.yml: entry 'impact-abs': field 'kind' is 'blog'")
    assert "trial" in message


def test_source_needs_a_doi_or_url(content_copy):
    def strip(es):
        entry = next(e for e in es if e["key"] == "cochrane-abs")
        entry.pop("doi", None)
        entry.pop("url", None)

    edit(content_copy, "sources", strip)
    assert "content/sources.yml: entry 'cochrane-abs': field 'doi' or 'url' is missing (give at least one)" in (
        errors_for(content_copy)
    )


def test_unknown_field_is_reported(content_copy):
    edit(content_copy, "glossary", lambda es: es[0].update(defintion="typo"))
    assert any("field 'defintion' is not a known field" in e for e in errors_for(content_copy))


def test_unknown_source_in_data_is_reported(content_copy):
    edit(content_copy, "misconceptions", lambda es: es[0]["sources"].append("no-such-source"))
    expected = "field 'sources' names unknown source 'no-such-source'"
    assert any(e.startswith("content/misconceptions.yml: entry '") and expected in e for e in errors_for(content_copy))


def test_unknown_see_also_is_reported(content_copy):
    edit(content_copy, "glossary", lambda es: next(e for e in es if e["id"] == "registry")["see_also"].append("nope"))
    assert "content/glossary.yml: entry 'registry': field 'see_also' names unknown glossary term 'nope'" in (
        errors_for(content_copy)
    )


def test_unknown_marker_inside_a_field_is_reported(content_copy):
    edit(content_copy, "misconceptions", lambda es: es[0].update(truth="See [[no-such-term]] [@nowhere]."))
    errors = errors_for(content_copy)
    assert any("field 'truth' uses unknown glossary term 'no-such-term'" in e for e in errors)
    assert any("field 'truth' cites unknown source 'nowhere'" in e for e in errors)


def test_pathway_to_a_missing_page_fails(content_copy):
    edit(content_copy, "pathways", lambda es: es[0]["pages"].append({"page": "nowhere/page.md", "why": "x"}))
    expected = "page 'nowhere/page.md' does not exist"
    assert any("field 'pages' item #" in e and expected in e for e in errors_for(content_copy))


def test_malformed_yaml_names_the_file(content_copy):
    (content_copy / "content" / "glossary.yml").write_text("- id: [unclosed\n", encoding="utf-8")
    assert any(e.startswith("content/glossary.yml: is not valid YAML") for e in errors_for(content_copy))


def test_a_file_that_is_not_a_list_is_rejected(content_copy):
    (content_copy / "content" / "pathways.yml").write_text("audience: clinician\n", encoding="utf-8")
    assert "content/pathways.yml: the file must hold a list of entries, not dict" in errors_for(content_copy)


@pytest.mark.parametrize("stem", sorted(FILES))
def test_a_missing_file_is_reported(content_copy, stem):
    (content_copy / "content" / f"{stem}.yml").unlink()
    assert f"content/{stem}.yml: file is missing" in errors_for(content_copy)
