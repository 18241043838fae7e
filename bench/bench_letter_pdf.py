"""Time a letter's PDF: a realistic two-page stage 1 response through formats.to_pdf.

    .venv/bin/python bench/bench_letter_pdf.py [--repeat 20] [--large-print] [--json PATH]

The target is under 1 s per letter. The first render in a process loads fonts
and is reported on its own ("cold"); then median and 95th percentile over
--repeat renders. Printed, not asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import results_io  # noqa: E402
from PIL import Image  # noqa: E402

from redress.letters.formats import Branding, LetterDocument, to_html_page, to_pdf  # noqa: E402

POINTS = [
    ("The repair to the bathroom extractor fan was not done within 28 days", "Upheld"),
    ("The surveyor did not arrive for the appointment on 3 October", "Upheld"),
    ("Our contact centre did not call you back when promised", "Partly upheld"),
    ("The mould wash was not of a good enough standard", "Not upheld"),
]
PARAGRAPH = (
    "We have looked at your repair history, the notes our contact centre made when you "
    "called, the job sheets from our contractor and the photographs you sent us. We have "
    "also spoken to the surveyor who visited your home and to the repairs supervisor."
)


def letter_body() -> str:
    points = "".join(
        f"<h3>{n}. {point}</h3><p>{PARAGRAPH}</p><p>Our decision: <strong>{decision}</strong>.</p>"
        for n, (point, decision) in enumerate(POINTS, 1)
    )
    return f"""
<p>Dear Ms Okafor,</p>
<p>Thank you for your complaint, which we received on 10 November 2026. This letter is our
stage 1 response under our complaints policy and the Housing Ombudsman's Complaint Handling
Code.</p>
<h2>Your complaint</h2>
<p>You told us that damp and mould in your bedroom and bathroom had not been dealt with after
three visits, and that this has affected your son's asthma. You want the mould treated, the
cause fixed and an apology.</p>
<h2>What we looked at</h2>
<p>{PARAGRAPH}</p>
<h2>What we decided, point by point</h2>
{points}
<h2>Putting things right</h2>
<p>We are sorry for the delays and for the distress they caused.</p>
<ul>
  <li>We will replace the extractor fan by 5 December 2026.</li>
  <li>A surveyor will inspect the bedroom wall for penetrating damp by 12 December 2026.</li>
  <li>We will carry out a full mould treatment after the repair.</li>
</ul>
<table>
  <tr><th>Remedy</th><th>Amount</th></tr>
  <tr><td>Time and trouble</td><td>£150</td></tr>
  <tr><td>Missed appointment</td><td>£25</td></tr>
  <tr><td>Total</td><td>£175</td></tr>
</table>
<h2>If you are not happy with our response</h2>
<p>You can ask us to escalate your complaint to stage 2 by replying to this letter, calling
0300 123 4567 or emailing <a href="mailto:complaints@example.org">complaints@example.org</a>
within 20 working days. You can also contact the
<a href="https://www.housing-ombudsman.org.uk/">Housing Ombudsman</a> at any time for help.</p>
<p>Yours sincerely,</p>
<p>Sam Patel<br>Complaints Officer</p>
"""


def branding() -> Branding:
    out = io.BytesIO()
    Image.new("RGB", (480, 160), (0x7A, 0x1F, 0x5C)).save(out, format="PNG")
    return Branding(
        "Riverside Homes", "#7a1f5c", "1 Quay Street\nBristol\nBS1 1AA", out.getvalue(), "image/png"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--large-print", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    from weasyprint import HTML

    doc = LetterDocument(
        title="Your complaint CMP-2026-000123: our stage 1 response",
        html=letter_body(),
        recipient="Ms Ada Okafor\n12 Mill Lane\nBristol\nBS2 3CD",
        date="24 November 2026",
        reference="CMP-2026-000123",
        large_print=args.large_print,
    )
    brand = branding()
    started = time.perf_counter()
    size = len(to_pdf(doc, brand))
    cold = time.perf_counter() - started
    pages = len(HTML(string=to_html_page(doc, brand)).render().pages)
    times = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        to_pdf(doc, brand)
        times.append(time.perf_counter() - started)
    times.sort()
    median = statistics.median(times)
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    print(
        f"letter PDF ({pages} pages{', large print' if args.large_print else ''}): "
        f"median {median * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, cold {cold * 1000:.0f} ms "
        f"over {args.repeat} renders (target under 1 s)"
    )
    result = {
        "pages": pages,
        "bytes": size,
        "cpus": os.cpu_count(),
        "cold_s": round(cold, 3),
        "median_s": round(median, 3),
        "p95_s": round(p95, 3),
        "runs": [round(t, 3) for t in times],
    }
    print(json.dumps(result, indent=2))
    if args.json:
        results_io.record(
            "letter PDF, large print" if args.large_print else "letter PDF",
            [t * 1000 for t in times],
            pages=pages,
            cold_ms=round(cold * 1000, 1),
        )
        results_io.write(args.json)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
