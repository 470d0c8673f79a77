"""Edits of a decomposition held as its JSON (``Definition.to_dict``): pure functions that
return a new body, checked by the library (``Definition.from_dict``) before any save.

Messages are for the page (Chinese msgids); a pattern that is not an IPC symbol is named."""

from __future__ import annotations

import copy
import re
from typing import Any

from django.utils.translation import gettext as _

from ipcity.analytics.navigation.definition import Definition, DefinitionError, check_pattern

_SEPARATORS = re.compile(r"[\s,，;；、]+")


class TreeError(ValueError):
    pass


def split_list(text: str) -> list[str]:
    return [part for part in _SEPARATORS.split(text or "") if part]


def checked_patterns(text: str) -> list[str]:
    patterns = []
    for pattern in split_list(text):
        try:
            patterns.append(check_pattern(pattern))
        except DefinitionError:
            raise TreeError(_("“%(pattern)s”不是有效的 IPC 分类号或模式（如 H01M、H01M10*、H01M10/052）")
                            % {"pattern": pattern}) from None
    return patterns


def _rule_messages() -> dict[str, str]:
    """The library's tree rules (``definition.validate``, by ``DefinitionError.code``) in the page's words."""
    return {"too_deep": _("节点“%(key)s”在第 %(depth)s 级，技术分解至多 %(limit)s 级"),
            "key_twice": _("节点编号“%(key)s”已被使用"),
            "selects_nothing": _("节点“%(key)s”没有 IPC 模式、关键词、SEI 分类或下级节点"),
            "exclude_only": _("节点“%(key)s”有排除的 IPC，但没有可从中排除的 IPC 模式或 SEI 分类")}


def definition_of(body: dict) -> Definition:
    try:
        return Definition.from_dict(body)
    except DefinitionError as exc:
        said = _rule_messages().get(exc.code)
        if said is not None:
            raise TreeError(said % exc.params) from None
        raise TreeError(_("技术分解无效：%(reason)s") % {"reason": exc}) from None


def _find(node: dict, key: str, parent: dict | None = None) -> tuple[dict, dict | None] | None:
    if node.get("key") == key:
        return node, parent
    for child in node.get("children", []):
        found = _find(child, key, node)
        if found:
            return found
    return None


def node_fields(*, key: str, name: str, ipc: str, exclude: str, keywords: str, sei: str) -> dict[str, Any]:
    key = key.strip()
    if not key:
        raise TreeError(_("请填写节点编号"))
    fields: dict[str, Any] = {"key": key, "name": name.strip() or key}
    values = {"ipc": checked_patterns(ipc), "exclude": checked_patterns(exclude),
              "keywords": split_list(keywords), "sei": split_list(sei)}
    fields.update({k: v for k, v in values.items() if v})
    return fields


def upsert(body: dict, *, original_key: str, parent_key: str, fields: dict[str, Any]) -> dict:
    """Change the node ``original_key`` (keeping its children), or add a child of ``parent_key``."""
    new = copy.deepcopy(body)
    root = new["root"]
    if original_key:
        found = _find(root, original_key)
        if found is None:
            raise TreeError(_("节点“%(key)s”不存在") % {"key": original_key})
        node, _parent = found
        children = node.get("children")
        node.clear()
        node.update(fields)
        if children:
            node["children"] = children
    else:
        found = _find(root, parent_key or root["key"])
        if found is None:
            raise TreeError(_("上级节点“%(key)s”不存在") % {"key": parent_key})
        found[0].setdefault("children", []).append(fields)
    definition_of(new)
    return new


def remove(body: dict, key: str) -> dict:
    new = copy.deepcopy(body)
    found = _find(new["root"], key)
    if found is None:
        raise TreeError(_("节点“%(key)s”不存在") % {"key": key})
    node, parent = found
    if parent is None:
        raise TreeError(_("不能删除根节点（产业本身）"))
    parent["children"] = [c for c in parent["children"] if c is not node]
    if not parent["children"]:
        del parent["children"]
    definition_of(new)
    return new
