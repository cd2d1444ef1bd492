"""Pure-Python persistent collections with the part of rpds-py's API that jsonschema and referencing use.

Why a stand-in rather than another way: jsonschema (>= 4.18) and referencing import
rpds-py, a compiled Rust extension for which no WebAssembly build is among the packages
the project can install; an older jsonschema with pyrsistent would validate with other
code than the CLI's locked version (other messages, other error order), and a second
validator (Ajv) would miss every business rule. The check builds its validators once
and validates schemas whose `$ref`s are already inlined (accel666.schema.inlined), so
these collections only hold the few dozen metaschemas `referencing` registers: a
copy-on-write dict, frozenset and tuple are fast enough and obviously correct.
tests/browser/rpds_test.py holds each operation to the real rpds-py.
"""

from __future__ import annotations

from collections.abc import ItemsView, Iterable, Iterator, KeysView, Mapping, ValuesView
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class HashTrieMap(Mapping[K, V]):
    """An immutable mapping whose changes return a new map."""

    __slots__ = ("_items",)

    def __init__(self, value: Mapping[K, V] | Iterable[tuple[K, V]] = (), **kwds: V) -> None:
        self._items: dict[Any, V] = dict(value)
        self._items.update(kwds)

    @classmethod
    def convert(cls, value: Mapping[K, V] | Iterable[tuple[K, V]]) -> HashTrieMap[K, V]:
        return value if isinstance(value, HashTrieMap) else cls(value)

    @classmethod
    def fromkeys(cls, keys: Iterable[K], value: V | None = None) -> HashTrieMap[K, V | None]:
        return HashTrieMap((key, value) for key in keys)

    def __getitem__(self, key: K) -> V:
        return self._items[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __hash__(self) -> int:
        return hash(frozenset(self._items.items()))

    def __repr__(self) -> str:
        return f"HashTrieMap({self._items!r})"

    def keys(self) -> KeysView[K]:
        return self._items.keys()

    def values(self) -> ValuesView[V]:
        return self._items.values()

    def items(self) -> ItemsView[K, V]:
        return self._items.items()

    def insert(self, key: K, val: V) -> HashTrieMap[K, V]:
        return HashTrieMap({**self._items, key: val})

    def remove(self, key: K) -> HashTrieMap[K, V]:
        if key not in self._items:
            raise KeyError(key)
        return self.discard(key)

    def discard(self, key: K) -> HashTrieMap[K, V]:
        return HashTrieMap((k, v) for k, v in self._items.items() if k != key)

    def update(self, *args: Mapping[K, V] | Iterable[tuple[K, V]]) -> HashTrieMap[K, V]:
        merged = dict(self._items)
        for arg in args:
            merged.update(arg)
        return HashTrieMap(merged)


class HashTrieSet(frozenset[T]):
    """An immutable set whose changes return a new set."""

    def insert(self, value: T) -> HashTrieSet[T]:
        return HashTrieSet(self | {value})

    def discard(self, value: T) -> HashTrieSet[T]:
        return HashTrieSet(self - {value})

    def remove(self, value: T) -> HashTrieSet[T]:
        if value not in self:
            raise KeyError(value)
        return self.discard(value)

    def update(self, *args: Iterable[T]) -> HashTrieSet[T]:
        return HashTrieSet(self.union(*args))

    def __repr__(self) -> str:
        return f"HashTrieSet({set(self)!r})"


class List(Iterable[T]):
    """An immutable singly linked list (a tuple here): `push_front` returns a new list."""

    __slots__ = ("_items",)

    def __init__(self, value: Iterable[T] = (), *more: T) -> None:
        self._items: tuple[T, ...] = (*value, *more)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, List) and self._items == other._items

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"List({list(self._items)!r})"

    @property
    def first(self) -> T:
        if not self._items:
            raise IndexError("empty list has no first element")
        return self._items[0]

    @property
    def rest(self) -> List[T]:
        return List(self._items[1:])

    def push_front(self, value: T) -> List[T]:
        return List((value, *self._items))

    def drop_first(self) -> List[T]:
        if not self._items:
            raise IndexError("empty list has no first element")
        return List(self._items[1:])
