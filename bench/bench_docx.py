"""Benchmark: 500 prefilled Word forms, naive docxtpl loop vs the compiled renderer, and
the parse rate. Both render from the docxtpl templates in templates/annex/.

    python bench/bench_docx.py [-n 500] [--repeats 3]

naive = per record: DocxTemplate(path), render(context, autoescape=True), save.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import time
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate

from fupin_forms.layout import page_for
from fupin_forms.models import model_for
from fupin_forms.parse.docx import parse_docx
from fupin_forms.render._docx_context import build_context
from fupin_forms.render.docx import DocxRenderer, template_path

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


def records(n: int) -> list[Any]:
    """``n`` prefilled records cycling over the samples, each with its own name."""
    base = []
    for path in sorted(SAMPLES.glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        form_id = data.pop("form", None) or path.stem.split("_")[0]
        base.append(model_for(form_id).model_validate(data))
    out = []
    for i in range(n):
        model = base[i % len(base)]
        name = (
            "applicant_name"
            if model.form_id == "annex4"
            else ("unit_name" if model.form_id == "annex3" else "expert")
        )
        out.append(model.model_copy(update={name: f"{getattr(model, name)}{i}"}))
    return out


def naive(batch: list[Any]) -> list[bytes]:
    out = []
    for model in batch:
        tpl = DocxTemplate(str(template_path(model.form_id)))
        context = build_context(page_for(model.form_id), model.model_dump(mode="json"))
        tpl.render(context, autoescape=True)
        buf = io.BytesIO()
        tpl.save(buf)
        out.append(buf.getvalue())
    return out


def compiled(batch: list[Any]) -> list[bytes]:
    renderers: dict[str, DocxRenderer] = {}
    out = []
    for model in batch:
        renderer = renderers.get(model.form_id)
        if renderer is None:
            renderer = renderers[model.form_id] = DocxRenderer(model.form_id)
        out.append(renderer.render(model))
    return out


def timed(fn: Any, arg: Any, repeats: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn(arg)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("-n", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    batch = records(args.n)
    t_naive, _ = timed(naive, batch, args.repeats)
    t_ours, docs = timed(compiled, batch, args.repeats)  # includes compiling, once per run
    t_parse, parsed = timed(lambda ds: [parse_docx(d) for d in ds], docs, args.repeats)
    assert all(
        type(m).model_validate(p.data).model_dump() == m.model_dump()
        for m, p in zip(batch, parsed, strict=True)
    ), "round trip failed"
    n = args.n
    print(f"forms: {n} prefilled (annex3/4/5 samples), median of {args.repeats} runs")
    print(f"naive docxtpl loop : {n / t_naive:8.1f} forms/s  ({t_naive * 1000 / n:.2f} ms/form)")
    print(f"compiled renderer  : {n / t_ours:8.1f} forms/s  ({t_ours * 1000 / n:.2f} ms/form)")
    print(f"speed-up           : {t_naive / t_ours:8.1f}x")
    print(f"parse_docx         : {n / t_parse:8.1f} forms/s  ({t_parse * 1000 / n:.2f} ms/form)")


if __name__ == "__main__":
    main()
