"""The tour notebook runs from top to bottom on the venv's own kernel, offline.

Executed with nbclient (the engine nbmake uses) so that the README's plain ``python -m pytest``
runs it; the notebook is committed without outputs, and a test keeps it that way.
"""

from __future__ import annotations

import json

import pytest

from .conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "kratom-evidence.ipynb"


def test_notebook_is_committed_without_outputs() -> None:
    data = json.loads(NOTEBOOK.read_text("utf-8"))
    code = [c for c in data["cells"] if c["cell_type"] == "code"]
    assert code
    for cell in code:
        assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_notebook_executes_and_shows_table_document_and_map() -> None:
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    client.execute()  # raises CellExecutionError, with the cell and traceback, on any error

    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    html = "\n".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert 'class="ec-root ec-claimset"' in html  # the claim set
    assert 'class="ec-root ec-card"' in html  # one claim
    assert "ec-evidence" in html and "⊕◯◯◯" in html  # the evidence table
    assert 'class="ec-doc"' in html  # the annotated document
    assert html.count('class="ec-claim ') >= 41
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) == 1  # the evidence map
    printed = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "## Evidence table" in printed
