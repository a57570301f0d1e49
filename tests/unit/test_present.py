"""The registry row's display strings (explainer/present.py), shown by both the build and the page."""

from __future__ import annotations

import json

from explainer import api, present


def test_score_text_names_the_direction_and_rounds_half_up():
    assert present.score_text(14, 7, 0.5) == "14 → 7 (50% lower)"
    assert present.score_text(10, 12, -0.2) == "10 → 12 (20% higher)"
    assert present.score_text(9, 9, 0.0) == "9 → 9 (no change)"
    assert present.score_text(16, 15, 0.0625) == "16 → 15 (6% lower)"
    assert present.score_text(None, None, None) == "—"


def test_every_row_of_the_view_carries_its_cell_text():
    view = json.loads(api.call(json.dumps({"op": "create", "args": {"scenario": "impact-like"}})))["result"]
    view = json.loads(api.call(json.dumps({"op": "step", "args": {"token": view["token"], "weeks": 6}})))["result"]
    for row in view["registry"]["rows"]:
        assert row["phq9_text"] == present.score_text(row["phq9_initial"], row["phq9_latest"], row["phq9_change"])
        assert row["contacts_text"].startswith(str(row["contacts"]))
        assert row["review_text"] == ("—" if row["last_review_week"] is None else f"week {row['last_review_week']}")
