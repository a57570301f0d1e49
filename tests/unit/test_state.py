"""Share tokens: short, URL-safe, exact on restore, and clear about damage."""

from __future__ import annotations

import base64
import json
import re

import pytest

from explainer import state
from explainer.review import Decision


def test_token_is_short_url_safe_and_round_trips():
    current = state.State("impact-like", {"seed": 4}, ((3, Decision((5, 7), ((7, "continue"),))),), 6)
    token = state.encode(current)
    assert re.fullmatch(r"[A-Za-z0-9_\-.]+", token)
    assert len(token) < 200
    assert state.decode(token) == current


def test_restore_gives_the_identical_state():
    start = state.State("understaffed", {"patients": 60}, (), 0)
    sim = state.replay(start)
    current = start
    for _ in range(5):
        sim.step()
        current = current.with_week(sim.week)
    decision = state.apply_decision(sim, Decision(tuple(sim.agenda().patient_ids()[:1]), ()))
    current = current.with_decision(decision)
    sim.step()
    restored = state.replay(state.decode(state.encode(current)))
    assert state.fingerprint(restored) == state.fingerprint(sim)


def test_tampered_and_invalid_tokens_give_clear_errors():
    token = state.encode(state.State("impact-like", {}, (), 3))
    prefix, body, check = token.split(".")
    forged = base64.urlsafe_b64encode(json.dumps({"s": "impact-like", "o": {}, "d": [], "w": 4}).encode()).decode()
    cases = {
        token[:-1] + ("0" if token[-1] != "0" else "1"): "checksum does not match",
        f"{prefix}.{forged.rstrip('=')}.{check}": "checksum does not match",
        "x1." + body + "." + check: "should start with 'c1.'",
        "c1.!!!.abc": "not valid base64",
        "": "must be a token",
        "c1.only-two": "should start with 'c1.'",
    }
    for bad, message in cases.items():
        with pytest.raises(state.StateError, match=re.escape(message)):
            state.decode(bad)


def test_well_formed_but_impossible_states_are_refused_on_replay():
    for current, message in (
        (state.State("no-such-scenario", {}, (), 1), "Unknown scenario"),
        (state.State("impact-like", {"patients": -1}, (), 1), "'patients'"),
        (state.State("impact-like", {}, (), 99), "the run lasts 52 weeks"),
        (state.State("impact-like", {}, ((0, Decision((9999,), ())),), 1), "does not fit the caseload"),
        (state.State("impact-like", {"arm": "usual-care"}, ((0, Decision((1,), ())),), 1), "no caseload review"),
    ):
        token = state.encode(current)
        with pytest.raises(state.StateError, match=re.escape(message)):
            state.replay(state.decode(token))


def test_undo_and_reset_states():
    current = state.State("impact-like", {}, ((2, Decision((1,), ())), (5, Decision((2,), ()))), 7)
    assert current.with_week(5).decisions == ((2, Decision((1,), ())),)
    assert current.with_week(6).decisions == current.decisions
