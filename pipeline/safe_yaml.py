"""YAML read with its expansion bounded: the "billion laughs" bomb (aliases of aliases of lists) turns a
few hundred bytes into a graph whose expansion is gigabytes, and everything that walks it (a check,
json.dumps) runs for minutes. A document is refused before construction when it is larger than
MAX_BYTES or when its node graph, with every alias expanded, holds more than MAX_NODES nodes.

The bounds are constants, not data/limits.yaml: the data files are themselves read through here.
"""
from __future__ import annotations

from typing import Any

import yaml

MAX_BYTES = 16 * 2**20  # the largest data file is a few hundred kilobytes
MAX_NODES = 1_000_000  # expanded: every alias counted as often as it is used


class YAMLBombError(yaml.YAMLError):
    pass


def expanded_size(node: yaml.Node, sizes: dict[int, int] | None = None) -> int:
    """Nodes of the graph below node with every alias expanded (linear in the graph's size: each
    node's size is computed once)."""
    sizes = {} if sizes is None else sizes
    if id(node) in sizes:
        return sizes[id(node)]
    sizes[id(node)] = MAX_NODES + 1  # a node reached again while being sized is a cycle: refuse it
    if isinstance(node, yaml.SequenceNode):
        size = 1 + sum(expanded_size(child, sizes) for child in node.value)
    elif isinstance(node, yaml.MappingNode):
        size = 1 + sum(expanded_size(k, sizes) + expanded_size(v, sizes) for k, v in node.value)
    else:
        size = 1
    sizes[id(node)] = min(size, MAX_NODES + 1)
    return sizes[id(node)]


class _BoundedLoader(yaml.SafeLoader):
    def compose_document(self):
        node = super().compose_document()
        if node is not None and expanded_size(node) > MAX_NODES:
            raise YAMLBombError(f"its aliases expand to more than {MAX_NODES:,} values (a YAML bomb?): "
                                "write the values out")
        return node


class _BoundedCLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    def get_single_node(self):
        node = super().get_single_node()
        if node is not None and expanded_size(node) > MAX_NODES:
            raise YAMLBombError(f"its aliases expand to more than {MAX_NODES:,} values (a YAML bomb?): "
                                "write the values out")
        return node


def load_reviewed(text: str) -> Any:
    """The pipeline's own data files (pipeline/data/, reviewed and shipped with the code): parsed by
    libyaml when it is installed (6 x faster: a build reads them in every process), still bounded.
    Never for a file a user gives (corrections): its nesting could exhaust libyaml's C stack, where
    load_text raises a named error."""
    if len(text) > MAX_BYTES:
        raise yaml.YAMLError(f"{len(text):,} characters, more than the {MAX_BYTES:,} a YAML file here may hold")
    return yaml.load(text, Loader=_BoundedCLoader)  # noqa: S506 - a SafeLoader subclass


def load_text(text: str) -> Any:
    """Parsed YAML (safe types only), its size and expansion bounded; raises yaml.YAMLError when not."""
    if len(text) > MAX_BYTES:
        raise yaml.YAMLError(f"{len(text):,} characters, more than the {MAX_BYTES:,} a YAML file here may hold")
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:
        raise yaml.YAMLError("nested too deeply to be read (lists or mappings inside each other, "
                             "thousands deep)") from None
