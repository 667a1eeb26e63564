"""The rule of findings about the project configuration (``[tool.evidence-claims]``)."""

from __future__ import annotations

from .catalogue import register

CONFIG_INVALID = register(
    "config.invalid",
    "Invalid configuration",
    "error",
    "[tool.evidence-claims] {problem}",
    "The `[tool.evidence-claims]` table of pyproject.toml has a key or value the tool does not "
    "understand; it is ignored, and the defaults apply.",
    "config",
)
