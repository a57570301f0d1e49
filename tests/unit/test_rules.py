"""Every rule is a named constant with a source, listed once, and measures thresholds are not copied."""

from __future__ import annotations

import re

from explainer import measures, registry, rules

KNOWN_BASES = {"sourced", "derived", "assumed", "calibrated"}
SOURCE_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


UNIT_CONVERSIONS = {"DAYS_PER_WEEK"}


def test_every_uppercase_constant_in_rules_is_listed_once():
    constants = {name for name, value in vars(rules).items()
                 if name.isupper() and isinstance(value, (int, float, tuple)) and name != "RULES"} - UNIT_CONVERSIONS
    listed = [rule.name for rule in rules.RULES]
    assert len(listed) == len(set(listed)), "a rule is listed twice"
    assert constants <= set(listed), f"constants without a RULES entry: {sorted(constants - set(listed))}"


def test_rules_carry_value_unit_explanation_source_and_basis():
    for rule in rules.RULES:
        entry = rule.as_dict()
        assert entry["value"] is not None, rule.name
        assert entry["unit"] and entry["explanation"].endswith("."), rule.name
        assert SOURCE_KEY.match(entry["source"]), f"{rule.name}: source key {entry['source']!r}"
        assert entry["basis"] in KNOWN_BASES, rule.name


def test_rule_values_are_the_constants_themselves():
    for rule in rules.RULES:
        holder = rules if hasattr(rules, rule.name) else measures
        assert getattr(holder, rule.name) == rule.value, rule.name


def test_measurement_thresholds_are_read_from_measures_not_copied():
    assert rules.EARLY_NON_RESPONSE_DROP is measures.PARTIAL_RESPONSE_DROP
    for name in ("RESPONSE_DROP", "REMISSION_BELOW", "SAFETY_ITEM_MIN"):
        assert not hasattr(rules, name), f"{name} is duplicated in rules.py"
        assert rules.rules_by_name()[name].value == getattr(measures, name)


def test_every_flag_names_existing_constants_and_a_source():
    named = rules.rules_by_name()
    for flag in registry.FLAGS:
        for constant in flag.constants:
            assert constant in named, f"{flag.name} reads unknown constant {constant}"
        assert SOURCE_KEY.match(flag.source)
        assert flag.as_dict()["constants"] == {c: named[c].as_dict()["value"] for c in flag.constants}


def test_sourced_defaults_match_the_reference_rule_set():
    assert rules.NOT_IMPROVING_WEEKS == 10 and rules.NOT_IMPROVING_WEEKS_RANGE == (8, 12)
    assert rules.OVERDUE_ACUTE_DAYS == 14 and rules.OVERDUE_MAINTENANCE_DAYS == 30
    assert rules.ACUTE_CONTACT_EVERY_WEEKS == 2 and rules.MAINTENANCE_CONTACT_EVERY_WEEKS == 4
    assert rules.CONSULTANT_HOURS_PER_FTE == 3 and 6 <= rules.CASES_PER_CONSULTANT_HOUR <= 8
    assert 50 <= rules.CASELOAD_PER_FTE <= 150
