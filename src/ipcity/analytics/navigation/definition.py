"""A navigation definition: an industry's technology decomposition as a tree of up to three levels.

Each :class:`Node` selects patents by any of (a record matches the node when one holds):

- ``ipc``: IPC patterns with the SEI concordance's semantics (``ipcity.analytics.sei``:
  ``G16*`` a class, ``B41J``/``B41J*`` a subclass, ``G06F11*`` a main group, ``G06F9/44`` one
  symbol), with ``exclude`` patterns of the same form; a record matches when one of its symbols
  is covered by a pattern and by no exclusion (per symbol, as the concordance does);
- ``keywords``: a term found in the title or abstract (case-insensitive for Latin letters);
- ``sei``: SEI codes (``5.1``, or ``5`` for every class below it); the concordance's rules of
  those classes in the ``ipc_only`` mode (the indicators' default; a node's own ``keywords``
  are the way to narrow by text).

A node with children also covers everything its children cover (a parent is the union of its
own criteria and its subtree). The definition's ``version`` is a hash of its content, so every
figure can name the definition it used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from ipcity.analytics.ipc_patterns import ipc_symbols
from ipcity.analytics.sei import SeiRule, SeiTable, SeiTableError, normalise_symbol, pattern_key

MAX_DEPTH = 3


class DefinitionError(ValueError):
    """A definition that cannot be used; the message names the node and the pattern or field.
    The tree rules' refusals also carry ``code`` (``too_deep``, ``key_twice``, ``selects_nothing``,
    ``exclude_only``) and ``params``, for a caller that says them in its user's language."""

    def __init__(self, message: str, code: str = "", **params: Any):
        super().__init__(message)
        self.code, self.params = code, params


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)):
        raise DefinitionError(f"{where}: expected a list of strings")
    return tuple(str(v).strip() for v in value if str(v).strip())


def check_pattern(pattern: str, where: str = "") -> str:
    """The normalised pattern, or :class:`DefinitionError` naming it when it is no IPC symbol."""
    text = normalise_symbol(pattern)
    try:
        pattern_key(text)
    except SeiTableError as exc:
        prefix = f"{where}: " if where else ""
        raise DefinitionError(f"{prefix}{pattern!r} is not an IPC symbol or pattern ({exc})") from exc
    return text


@dataclass(frozen=True)
class Node:
    key: str
    name: str
    ipc: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    sei: tuple[str, ...] = ()
    children: tuple[Node, ...] = ()

    def __post_init__(self) -> None:
        for name in ("ipc", "exclude", "keywords", "sei", "children"):
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        object.__setattr__(self, "ipc", tuple(check_pattern(p, f"node {self.key!r}") for p in self.ipc))
        object.__setattr__(self, "exclude", tuple(check_pattern(p, f"node {self.key!r} exclude") for p in self.exclude))
        if not str(self.key).strip():
            raise DefinitionError("a node without a key")

    @property
    def has_criteria(self) -> bool:
        return bool(self.ipc or self.keywords or self.sei)

    def walk(self, depth: int = 1) -> Iterator[tuple[Node, int]]:
        """(node, depth) for this node and its subtree, depth first (the root at depth 1)."""
        yield self, depth
        for child in self.children:
            yield from child.walk(depth + 1)

    def to_dict(self) -> dict:
        out: dict[str, Any] = {"key": self.key, "name": self.name}
        for name in ("ipc", "exclude", "keywords", "sei"):
            if getattr(self, name):
                out[name] = list(getattr(self, name))
        if self.children:
            out["children"] = [c.to_dict() for c in self.children]
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Node:
        if not isinstance(data, dict):
            raise DefinitionError("a node must be a JSON object")
        key = str(data.get("key") or "").strip()
        where = f"node {key!r}"
        children = data.get("children") or []
        if not isinstance(children, list):
            raise DefinitionError(f"{where}: children must be a list")
        return cls(
            key=key,
            name=str(data.get("name") or key),
            ipc=_strings(data.get("ipc"), where),
            exclude=_strings(data.get("exclude"), where),
            keywords=_strings(data.get("keywords"), where),
            sei=_strings(data.get("sei"), where),
            children=tuple(cls.from_dict(c) for c in children),
        )


@dataclass(frozen=True)
class Definition:
    """A named tree whose root is the industry; ``version`` is a hash of the content."""

    name: str
    root: Node
    description: str = ""

    def __post_init__(self) -> None:
        validate(self.root)

    @property
    def version(self) -> str:
        canonical = json.dumps(self.to_dict(include_version=False), ensure_ascii=False, sort_keys=True,
                               separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    @property
    def label(self) -> str:
        """What a figure shows: name and version."""
        return f"{self.name}@{self.version}"

    def nodes(self) -> list[tuple[Node, int]]:
        return list(self.root.walk())

    def node(self, key: str) -> Node:
        for node, _ in self.root.walk():
            if node.key == key:
                return node
        raise DefinitionError(f"no node {key!r} in definition {self.name!r}")

    def to_dict(self, include_version: bool = True) -> dict:
        out: dict[str, Any] = {"name": self.name, "root": self.root.to_dict()}
        if self.description:
            out["description"] = self.description
        if include_version:
            out["version"] = self.version
        return out

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    @classmethod
    def from_dict(cls, data: dict) -> Definition:
        """Read a definition; a ``version`` in the input is ignored (it is recomputed)."""
        if not isinstance(data, dict):
            raise DefinitionError("a definition must be a JSON object")
        if "root" in data:
            root = Node.from_dict(data["root"])
        else:  # a bare tree: the definition's fields are the root's
            root = Node.from_dict(data)
        name = str(data.get("name") or root.name)
        return cls(name=name, root=root, description=str(data.get("description") or ""))

    @classmethod
    def from_json(cls, text: str) -> Definition:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise DefinitionError(f"not valid JSON ({exc})") from exc
        return cls.from_dict(data)


def validate(root: Node) -> None:
    """Depth ≤ 3, distinct keys, and every node selects something (own criteria or children)."""
    seen: set[str] = set()
    for node, depth in root.walk():
        if depth > MAX_DEPTH:
            raise DefinitionError(f"node {node.key!r} is at level {depth}; a definition has at most {MAX_DEPTH}",
                                  "too_deep", key=node.key, depth=depth, limit=MAX_DEPTH)
        if node.key in seen:
            raise DefinitionError(f"node key {node.key!r} is used twice", "key_twice", key=node.key)
        seen.add(node.key)
        if not node.has_criteria and not node.children:
            raise DefinitionError(f"node {node.key!r} has no IPC patterns, keywords, SEI codes or children",
                                  "selects_nothing", key=node.key)
        if node.exclude and not (node.ipc or node.sei):
            raise DefinitionError(f"node {node.key!r} has exclusions but no IPC patterns to exclude from",
                                  "exclude_only", key=node.key)


def sei_rules(sei_table: SeiTable, codes: Sequence[str]) -> list[SeiRule]:
    """The concordance's rules under the SEI codes (``5`` covers ``5.1``, ``5.2``…)."""
    rules = [r for r in sei_table.rules
             if any(r.sei_code == c or r.sei_code.startswith(c.rstrip(".") + ".") for c in codes)]
    missing = [c for c in codes if not any(r.sei_code == c or r.sei_code.startswith(c.rstrip(".") + ".")
                                           for r in sei_table.rules)]
    if missing:
        raise DefinitionError(f"SEI code(s) not in the concordance {sei_table.version}: {', '.join(missing)}")
    return rules


def from_sei(code: str, sei_table: SeiTable, *, name: str | None = None) -> Definition:
    """A definition that starts from an SEI class: the class as root; when the code has
    sub-classes in the table (``5`` → ``5.1``…), each a child node."""
    code = code.strip()
    rules = sei_rules(sei_table, [code])
    exact = [r for r in rules if r.sei_code == code]
    title = (exact[0].sei_name if exact else "") or name or f"SEI {code}"
    subcodes = list(dict.fromkeys(r.sei_code for r in rules if r.sei_code != code))
    if exact or not subcodes:
        root = Node(key=code, name=title, sei=(code,))
    else:
        names = {r.sei_code: r.sei_name for r in rules}
        children = tuple(Node(key=c, name=names[c] or c, sei=(c,)) for c in subcodes)
        root = Node(key=code, name=name or f"SEI {code}", children=children)
    return Definition(name=name or title, root=root,
                      description=f"from the SEI concordance {sei_table.version}, class {code}")


# --- matching -------------------------------------------------------------------------------

def _lookup_rows(node_id: int, patterns: Sequence[str], exclusions: Sequence[str], group: int) -> list[tuple]:
    rows = []
    for pats, excluded in ((patterns, False), (exclusions, True)):
        for pattern in pats:
            level, key = pattern_key(pattern)
            rows.append((level, key, node_id, group, excluded))
    return rows


def _own_lookup(node: Node, node_id: int, sei_table: SeiTable | None) -> list[tuple]:
    """(level, key, node_id, group, is_exclusion): group 0 = the node's own patterns; each SEI
    rule is its own group (its exclusions apply to its patterns only, as in the concordance)."""
    rows = _lookup_rows(node_id, node.ipc, node.exclude, 0) if node.ipc else []
    if node.sei:
        if sei_table is None:
            raise DefinitionError(f"node {node.key!r} uses SEI codes; load the SEI concordance (--sei-rules)")
        for rule in sei_rules(sei_table, node.sei):
            # the node's own exclusions also apply to its SEI rules
            rows += _lookup_rows(node_id, rule.patterns, rule.exclusions + node.exclude, rule.rule_id + 1)
    return rows


def _symbol_matches(records: ir.Table, lookup: pd.DataFrame) -> ir.Table:
    """(pub_number, node_id) for rows with a symbol covered by a group of a node and not excluded
    by that group: the ancestors of the distinct symbols joined to the lookup (as ``sei_matches``)."""
    exploded, symbols, ancestors = ipc_symbols(records)
    table = ibis.memtable(lookup)
    hits = ancestors.join(table, [ancestors.level == table.level, ancestors.key == table.key]).select(
        ancestors.sym, table.node_id, table.grp, table.is_exclusion
    )
    per_group = hits.group_by(["sym", "node_id", "grp"]).aggregate(
        covered=(~hits.is_exclusion).any(), excluded=hits.is_exclusion.any()
    )
    matched = per_group.filter(per_group.covered & ~per_group.excluded).select("sym", "node_id").distinct()
    raw_nodes = symbols.join(matched, "sym").select("raw", "node_id")
    return exploded.join(raw_nodes, "raw").select("pub_number", "node_id").distinct()


def _keyword_matches(records: ir.Table, terms: dict[int, list[str]]) -> ir.Table | None:
    parts = []
    text = records.title.coalesce("").concat(" ", records.abstract.coalesce("")).lower()
    for node_id, words in terms.items():
        if not words:
            continue
        condition = ibis.or_(*[text.contains(w) for w in words])
        parts.append(records.filter(condition).select("pub_number", node_id=ibis.literal(node_id, type="int64")))
    if not parts:
        return None
    return ibis.union(*parts, distinct=False) if len(parts) > 1 else parts[0]


def node_matches(records: ir.Table, nodes: Sequence[Node], sei_table: SeiTable | None = None) -> ir.Table:
    """(pub_number, node_key) for every row and every node in ``nodes`` that it matches (own
    criteria or a descendant's), in one pass over the records."""
    lookup_rows: list[tuple] = []
    terms: dict[int, list[str]] = {}
    owners: list[tuple[int, str]] = []  # (criteria id, node key it counts for)
    cid = 0
    for top in nodes:
        for node, _ in top.walk():
            if not node.has_criteria:
                continue
            lookup_rows += _own_lookup(node, cid, sei_table)
            terms[cid] = [k.lower() for k in node.keywords]
            for ancestor_key in _ancestor_keys(top, node):
                owners.append((cid, ancestor_key))
            cid += 1
    parts = []
    if lookup_rows:
        lookup = pd.DataFrame(lookup_rows, columns=["level", "key", "node_id", "grp", "is_exclusion"])
        lookup = lookup.astype({"node_id": "int64", "grp": "int64"}).drop_duplicates(ignore_index=True)
        parts.append(_symbol_matches(records, lookup))
    by_keyword = _keyword_matches(records, terms)
    if by_keyword is not None:
        parts.append(by_keyword)
    owner_frame = ibis.memtable(pd.DataFrame(owners, columns=["node_id", "node_key"]).astype({"node_id": "int64"}))
    if not parts:
        return records.select("pub_number", node_key=ibis.null("string")).limit(0)
    matched = ibis.union(*parts, distinct=True) if len(parts) > 1 else parts[0]
    return matched.join(owner_frame, "node_id").select("pub_number", "node_key").distinct()


def _ancestor_keys(top: Node, target: Node) -> list[str]:
    """The keys of ``target`` and its ancestors within ``top`` (a match counts for each)."""
    def path(node: Node, trail: list[str]) -> list[str] | None:
        trail = [*trail, node.key]
        if node is target:
            return trail
        for child in node.children:
            found = path(child, trail)
            if found:
                return found
        return None

    return path(top, []) or []


def node_filter(records: ir.Table, node: Node, sei_table: SeiTable | None = None) -> ir.BooleanValue:
    """A boolean expression over ``records``: the row matches ``node`` (or a descendant)."""
    matched = node_matches(records, [node], sei_table).filter(ibis._.node_key == node.key)
    return records.pub_number.isin(matched.pub_number)
