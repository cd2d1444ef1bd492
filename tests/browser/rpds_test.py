"""The browser's pure-Python `rpds` (accel666.browser.standins.rpds) behaves as rpds-py does, operation by operation."""

from __future__ import annotations

from typing import Any

import pytest
import rpds

from accel666.browser.standins import rpds as standin

MODULES = [rpds, standin]


def as_plain(value: Any) -> Any:
    if isinstance(value, (rpds.HashTrieMap, standin.HashTrieMap)):
        return dict(value.items())
    if isinstance(value, (rpds.HashTrieSet, standin.HashTrieSet)):
        return set(value)
    if isinstance(value, (rpds.List, standin.List)):
        return list(value)
    return value


def map_story(module: Any) -> list[Any]:
    empty = module.HashTrieMap()
    one = empty.insert("a", 1)
    two = module.HashTrieMap.convert({"b": 2}).update(one, [("c", 3)])
    return [
        empty,
        one,
        two,
        len(two),
        "a" in two,
        two.get("z", 0),
        two["b"],
        sorted(two.keys()),
        sorted(two.values()),
        two.remove("a"),
        two.discard("zz"),
        module.HashTrieMap.convert(two) is two,
        module.HashTrieMap(x=1),
        module.HashTrieMap.fromkeys(["k"], 0),
        one == module.HashTrieMap({"a": 1}),
        hash(one) == hash(module.HashTrieMap({"a": 1})),
    ]


def set_story(module: Any) -> list[Any]:
    empty = module.HashTrieSet()
    one = empty.insert("u")
    return [empty, one, one.update(["v", "w"]), one.discard("x"), one.remove("u"), "u" in one, len(one), bool(empty)]


def list_story(module: Any) -> list[Any]:
    empty = module.List()
    one = empty.push_front("x").push_front("y")
    return [
        empty,
        one,
        len(one),
        one.first,
        one.rest,
        one.drop_first(),
        module.List([1, 2]),
        bool(empty),
        one == module.List(["y", "x"]),
    ]


@pytest.mark.parametrize("story", [map_story, set_story, list_story])
def test_each_operation_gives_what_rpds_gives(story: Any) -> None:
    assert [as_plain(v) for v in story(standin)] == [as_plain(v) for v in story(rpds)]


@pytest.mark.parametrize("module", MODULES)
def test_removing_a_missing_key_fails_as_in_rpds(module: Any) -> None:
    with pytest.raises(KeyError):
        module.HashTrieMap().remove("missing")
    with pytest.raises(KeyError):
        module.HashTrieSet().remove("missing")


def test_changes_leave_the_original_untouched() -> None:
    original = standin.HashTrieMap({"a": 1})
    original.insert("b", 2)
    original.update({"c": 3})
    assert dict(original) == {"a": 1}
