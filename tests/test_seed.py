"""The seed article's timeline, exactly as ../shared/seed/expected.json gives it."""

from __future__ import annotations

import json

from timeline.cli import main

from .conftest import shared_path


def test_seed_timeline(capsys):
    article = shared_path("seed", "austin-umerov.txt")
    expected = json.loads(shared_path("seed", "expected.json").read_text(encoding="utf-8"))
    assert main(["events", "--format", "json", str(article)]) == 0
    result = json.loads(capsys.readouterr().out)
    events = result["events"]

    def find(phrase):
        found = [e for e in events if phrase in e["text"]]
        assert len(found) == 1, f"{phrase!r} is in {len(found)} events"
        return found[0]

    for want in expected["events"]:
        event = find(want["phrase"])
        assert (event["start"], event["end"], event["granularity"]) == (want["start"], want["end"], want["granularity"]), want["why"]
        assert event["future"] == want.get("future", False), want["why"]
        if "expression" in want:
            assert want["expression"].lower().endswith(event["expression"].lower()), want["why"]
    assert len(events) == len(expected["events"]), [e["summary"] for e in events]
    order = [next(i for i, e in enumerate(events) if phrase in e["text"]) for phrase in expected["order"]]
    assert order == sorted(order)
    # "Politico reported earlier" is no event on a made-up day; the slug and the caption are no sentences.
    assert not any(e["text"].startswith("Politico reported earlier") for e in events)
    assert not any("©" in e["text"] or e["text"] == "austinumerov" for e in events)
    assert result["articles"][0]["dateline"] == expected["dateline"]
