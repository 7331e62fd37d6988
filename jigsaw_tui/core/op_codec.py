"""Ops as JSON-able dicts and back, for the history log beside each session file.

An op is `{"op": "AddPiece", "group_id": ..., "text": ...}`; a model value inside one (a
Piece in a PutPiece, a Group in a Put, Settings in a SetFields) is `{"type": "Piece",
...}`; tuples are lists. Fields at an empty default ("", None, False) are left out, to
keep the log compact.

Only the op classes of core/ops.py and the value classes of core/model.py (not Session)
can be named: anything else in a log is refused, never looked up or imported. Decoding
checks every field against the class's annotations, because a log is read from disk and
is not trusted: a wrong type, an unknown field or a missing one is an `OpFormatError`.
"""

from __future__ import annotations

import types
import typing
from dataclasses import MISSING, fields, is_dataclass

from . import model, ops

OP_KEY, VALUE_KEY = "op", "type"


class OpFormatError(ValueError):
    """A stored op that is not one this jigsaw can rebuild (damaged, or hand-edited)."""


def _defined_in(module, base: type | None = None) -> dict[str, type]:
    return {
        cls.__name__: cls
        for cls in vars(module).values()
        if isinstance(cls, type) and is_dataclass(cls) and cls.__module__ == module.__name__
        and (base is None or issubclass(cls, base))
    }


# Derived, so a new op in ops.py can be logged at once; still only these two modules' classes.
OP_CLASSES = _defined_in(ops, ops.Op)
VALUE_CLASSES = {name: cls for name, cls in _defined_in(model).items() if cls is not model.Session}


# -- encoding ---------------------------------------------------------------------


def encode(op: ops.Op) -> dict:
    """The op as a dict of JSON types. Raises OpFormatError for what cannot be stored."""
    if OP_CLASSES.get(type(op).__name__) is not type(op):
        raise OpFormatError(f"{type(op).__name__} is not an op that can be stored")
    return _encode_value(op)


def _encode_value(value):
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(value, (tuple, list)):
        return [_encode_value(x) for x in value]
    name = type(value).__name__
    if isinstance(value, ops.Op) and OP_CLASSES.get(name) is type(value):
        out = {OP_KEY: name}
    elif VALUE_CLASSES.get(name) is type(value):
        out = {VALUE_KEY: name}
    else:
        raise OpFormatError(f"a {name} cannot be stored in the history")
    for f in fields(value):
        item = getattr(value, f.name)
        # An empty default ("", None, False, ()) is left out; others (the meditation text)
        # are kept, since a later jigsaw may change them.
        if f.default is not MISSING and not f.default and type(item) is type(f.default) and item == f.default:
            continue
        out[f.name] = _encode_value(item)
    return out


# -- decoding ---------------------------------------------------------------------


def decode(data) -> ops.Op:
    """The op a dict from `encode` stands for. Raises OpFormatError if it is not one."""
    return _decode(data, ops.Op)


def _decode(value, hint):
    if hint is object or hint is typing.Any:
        return _decode_any(value)
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        return _decode_union(value, typing.get_args(hint))
    if origin is tuple:
        return _decode_tuple(value, typing.get_args(hint))
    if hint is type(None):
        if value is not None:
            raise OpFormatError(f"expected nothing (null), got {value!r:.40}")
        return None
    if hint in (str, bool, int, float):
        ok = isinstance(value, hint) and (hint is bool or not isinstance(value, bool))
        if hint is float:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not ok:
            raise OpFormatError(f"expected {hint.__name__}, got {type(value).__name__}")
        return value
    if isinstance(hint, type) and (is_dataclass(hint) or hint is ops.Op):
        return _decode_dataclass(value, hint)
    raise OpFormatError(f"cannot read a field of type {hint!r}")


def _decode_union(value, choices):
    problems = []
    for choice in choices:
        try:
            return _decode(value, choice)
        except OpFormatError as error:
            problems.append(str(error))
    raise OpFormatError(" or ".join(problems))


def _decode_tuple(value, args):
    if not isinstance(value, list):
        raise OpFormatError(f"expected a list, got {type(value).__name__}")
    if len(args) == 2 and args[1] is Ellipsis:
        return tuple(_decode(x, args[0]) for x in value)
    if len(value) != len(args):
        raise OpFormatError(f"expected a list of {len(args)}, got {len(value)}")
    return tuple(_decode(x, a) for x, a in zip(value, args))


def _decode_any(value):
    """A field typed `object` (Put.item, SetFields' values): JSON types and model values,
    never an op."""
    if isinstance(value, (str, bool, int, float)) or value is None:
        return value
    if isinstance(value, list):
        return tuple(_decode_any(x) for x in value)
    if isinstance(value, dict) and VALUE_KEY in value:
        cls = VALUE_CLASSES.get(value[VALUE_KEY])
        if cls is None:
            raise OpFormatError(f"unknown value type {str(value[VALUE_KEY])[:40]!r}")
        return _decode_dataclass(value, cls)
    raise OpFormatError(f"unexpected {type(value).__name__} in a stored value")


def _decode_dataclass(value, hint: type):
    if not isinstance(value, dict):
        raise OpFormatError(f"expected a {hint.__name__}, got {type(value).__name__}")
    key, table = (OP_KEY, OP_CLASSES) if issubclass(hint, ops.Op) else (VALUE_KEY, VALUE_CLASSES)
    name = value.get(key)
    cls = table.get(name) if isinstance(name, str) else None
    if cls is None or not issubclass(cls, hint):
        raise OpFormatError(f"unknown {'op' if key == OP_KEY else 'value type'} {str(name)[:40]!r}")
    hints = _hints(cls)
    unknown = set(value) - {key} - set(hints)
    if unknown:
        raise OpFormatError(f"{name} has no field {sorted(unknown)[0][:40]!r}")
    kwargs = {}
    for f in fields(cls):
        if f.name in value:
            kwargs[f.name] = _decode(value[f.name], hints[f.name])
        elif f.default is MISSING:  # a factory default (a new id) must never be made up
            raise OpFormatError(f"{name} is missing its {f.name!r}")
    return cls(**kwargs)


_HINTS: dict[type, dict] = {}


def _hints(cls: type) -> dict:
    if cls not in _HINTS:
        module = ops if issubclass(cls, ops.Op) else model
        _HINTS[cls] = typing.get_type_hints(cls, vars(module))
    return _HINTS[cls]
