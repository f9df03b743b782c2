"""Execute one notebook through the tslab kernel with Jupyter's own client (nbclient).

Usage: python3 run_notebook.py NOTEBOOK [--out EXECUTED.ipynb] [--cell-timeout S] [--kernel NAME]

Prints one JSON line: {"ok": bool, "seconds": float, "error": {...}} so that the Node test driver
can report it. On failure the error holds the failing cell's id, source and every text output
(tslab writes the error text to the cell's stderr; nbclient's own message is blank).
"""
import argparse
import json
import os
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


def text_outputs(cell):
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") == "error":
            parts.append("\n".join(out.get("traceback", [])) or f"{out.get('ename')}: {out.get('evalue')}")
        elif "text/plain" in out.get("data", {}):
            parts.append(out["data"]["text/plain"])
    return "".join(parts)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebook")
    ap.add_argument("--out")
    ap.add_argument("--cell-timeout", type=int, default=600)
    ap.add_argument("--kernel", default="tslab")
    args = ap.parse_args()

    nb = nbformat.read(args.notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=args.cell_timeout,
        kernel_name=args.kernel,
        resources={"metadata": {"path": os.path.dirname(os.path.abspath(args.notebook))}},
    )
    start = time.time()
    result = {"ok": True}
    try:
        client.execute()
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        failed = None
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
                failed = (index, cell)
                break
        if failed is None:  # timeout or dead kernel: the last cell that started
            executed = [(i, c) for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.get("execution_count")]
            failed = executed[-1] if executed else (None, None)
        index, cell = failed
        result = {
            "ok": False,
            "error": {
                "kind": type(exc).__name__,
                "message": str(exc).strip()[:4000],
                "cell_index": index,
                "cell_id": cell.get("id") if cell is not None else None,
                "source": cell.source if cell is not None else "",
                "outputs": text_outputs(cell)[:8000] if cell is not None else "",
            },
        }
    result["seconds"] = round(time.time() - start, 2)
    if args.out:
        nbformat.write(nb, args.out)
    print(json.dumps(result, ensure_ascii=False))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
