"""Command line: ``python -m explainer scenarios | run SCENARIO | registry SCENARIO --week N``.

Every output is synthetic and says so. Bad input ends with exit status 2 and one line on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys

from explainer import api, calibration, scenarios
from explainer.params import ARMS, MAX_PATIENTS, MAX_SEED, MAX_WEEKS


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse that raises UsageError instead of printing usage and exiting."""

    def error(self, message):
        raise UsageError(message)


def _whole(name: str, low: int, high: int):
    """An argparse type: a whole number in [low, high], with a plain message otherwise."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{name} must be a whole number; got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{name} must be from {low} to {high}; got {value}")
        return value

    return parse


def _parser() -> _Parser:
    parser = _Parser(prog="python -m explainer", description="CoCM caseload simulator (synthetic data only).")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    commands.add_parser("scenarios", help="list the scenarios")
    run = commands.add_parser("run", help="run one arm of a scenario and print outcomes as JSON")
    run.add_argument("scenario")
    run.add_argument("--arm", choices=list(ARMS), help="arm to run (default: the scenario's own)")
    run.add_argument("--seed", type=_whole("--seed", 0, MAX_SEED))
    run.add_argument("--weeks", type=_whole("--weeks", 0, MAX_WEEKS))
    run.add_argument("--patients", type=_whole("--patients", 1, MAX_PATIENTS))
    reg = commands.add_parser("registry", help="print the registry at a week as CSV")
    reg.add_argument("scenario")
    reg.add_argument("--week", type=_whole("--week", 0, MAX_WEEKS), required=True)
    reg.add_argument("--seed", type=_whole("--seed", 0, MAX_SEED))
    cal = commands.add_parser("calibrate", help="check the IMPACT calibration (takes a few seconds)")
    cal.add_argument("--patients", type=_whole("--patients", 1, MAX_PATIENTS), default=calibration.COHORT_PATIENTS)
    return parser


def _result(op: str, args: dict):
    """Call the API; UsageError with its message on failure."""
    response = json.loads(api.call(json.dumps({"op": op, "args": args})))
    if not response["ok"]:
        raise UsageError(response["error"])
    return response["result"]


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    try:
        options = _parser().parse_args(argv)
        if options.command == "scenarios":
            for item in _result("scenarios", {})["scenarios"]:
                print(f"{item['id']}\t{item['title']}\t{item['description']}")
        elif options.command == "run":
            args = {"scenario": options.scenario}
            for key in ("arm", "seed", "weeks", "patients"):
                if getattr(options, key) is not None:
                    args[key] = getattr(options, key)
            print(json.dumps(_result("run", args), indent=2))
        elif options.command == "registry":
            overrides = {"seed": options.seed} if options.seed is not None else {}
            view = _result("create", {"scenario": options.scenario, "overrides": overrides})
            weeks = view["weeks"]
            if options.week > weeks:
                raise UsageError(f"--week must be at most {weeks} for scenario {options.scenario!r}")
            token = view["token"]
            if options.week:
                token = _result("step", {"token": token, "weeks": options.week})["token"]
            sys.stdout.write(_result("registry", {"token": token, "format": "csv"})["csv"])
        else:
            print(json.dumps(calibration.measure(patients=options.patients), indent=2))
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except scenarios.ScenarioError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # output piped into a command that stopped reading (e.g. head)
        sys.stderr.close()
        sys.exit(0)
