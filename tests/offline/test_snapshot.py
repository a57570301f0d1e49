"""The memory snapshot in the built site gives the same simulator as a cold start, inside real Pyodide.

The scripted session of tests/pyodide/test_parity.py (scenarios, a stepped and decided run, registry,
patients, undo, bulk arms, outcomes, errors) is answered by a cold-started Pyodide and by one restored
from the site's snapshot, both booted through ``sim-boot.mjs`` as the page's worker boots them; every
response must match byte for byte, and CPython's too, also when the snapshot is restored from its inflated
bytes, as the service worker stores it. Two restores must also draw different random
numbers: the snapshot froze the random module's state, which the restore seeds afresh. The snapshot
holds the page's opening answer computed ahead: handed out once, and the same as a cold start's. The
file leaves out the heap's empty pages, and unpacks to the very heap it was packed from.
"""

from __future__ import annotations

import gzip
import json
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from cocm_content.simulator.app import DEFAULT_SCENARIO

from tests.pyodide.test_parity import cpython_session

pytestmark = pytest.mark.pyodide

RUNNER = Path(__file__).with_name("snapshot_session.mjs")
BOOT = Path(__file__).resolve().parents[2] / "docs" / "assets" / "javascripts" / "sim-boot.mjs"


def node_or_skip() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed; scripts/test installs it to run the explainer inside Pyodide.")
    return node


def site_snapshot(built_site) -> Path:
    found = list((built_site / "assets" / "pyodide").glob("pyodide-snapshot-*.bin.gz"))
    assert len(found) == 1, f"the build should write one snapshot, found {found}"
    return found[0]


def test_a_restored_snapshot_answers_exactly_like_a_cold_start(built_site):
    node = node_or_skip()
    runtime = site_snapshot(built_site).parent
    requests, cpython = cpython_session()
    result = subprocess.run([node, str(RUNNER), str(runtime), DEFAULT_SCENARIO], input=json.dumps(requests),
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert outcome["snapshot"].startswith("pyodide-snapshot-314.0.7-")
    for request, cold, restored, inflated, expected in zip(requests, outcome["cold"], outcome["restored"],
                                                           outcome["restored_unpacked"], cpython, strict=True):
        assert restored == cold, f"the snapshot differs from a cold start for {request[:120]}"
        assert inflated == cold, f"the snapshot stored unpacked differs from a cold start for {request[:120]}"
        assert cold == expected, f"Pyodide differs from CPython for {request[:120]}"
    first, second = outcome["random_after_restore"]
    assert first != second, "the random module was left as the snapshot froze it"
    opening = outcome["opening"]
    assert (opening["prepared_before"], opening["prepared_after"]) == (1, 0), "the opening answer is held once"
    assert opening["restored"] == opening["cold"]
    assert json.loads(opening["cold"])["result"]["scenario"]["id"] == DEFAULT_SCENARIO


def test_the_site_stores_the_snapshot_without_its_empty_pages(built_site):
    packed = gzip.decompress(site_snapshot(built_site).read_bytes())
    assert packed[:8] == b"cocmheap"
    heap_length, parts = struct.unpack_from("<II", packed, 8)
    assert heap_length > 20_000_000 and parts > 0
    assert len(packed) < 0.6 * heap_length, "most of the heap's empty pages should be left out"


PACK_ROUND_TRIP = """
const boot = await import(process.argv[1]);
const heap = new Uint8Array(5 * 4096 + 100);
heap.set([1, 2, 3], 10);
heap.set([9], 3 * 4096 + 7);
heap[heap.length - 1] = 5;
const packed = boot.packHeap(heap);
const back = await boot.heapFromFile(packed);
const same = back.length === heap.length && back.every((byte, at) => byte === heap[at]);
let refused = "";
try { await boot.heapFromFile(heap); } catch (error) { refused = error.message; }
let cut = "";
try { boot.unpackHeap(packed.subarray(0, packed.length - 50)); } catch (error) { cut = error.message; }
console.log(JSON.stringify({ same, packed: packed.length, heap: heap.length, refused, cut }));
"""


def test_a_packed_heap_unpacks_to_the_same_bytes_and_a_foreign_file_is_refused():
    node = node_or_skip()
    result = subprocess.run([node, "--input-type=module", "-e", PACK_ROUND_TRIP, BOOT.as_uri()],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]
    outcome = json.loads(result.stdout)
    assert outcome["same"]
    assert outcome["packed"] < 3 * 4096 + 200, "the two empty pages in the middle are left out"
    assert "not in this site's format" in outcome["refused"]
    assert "cut short" in outcome["cut"]
