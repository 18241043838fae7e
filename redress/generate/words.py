"""The words generated rows are made of: names, places, complaints, and short letters."""

from __future__ import annotations

FIRST = [
    "Ada",
    "Ben",
    "Chloe",
    "Dev",
    "Ella",
    "Femi",
    "Grace",
    "Harun",
    "Isla",
    "Jamal",
    "Kasia",
    "Liam",
    "Maryam",
    "Noah",
    "Olu",
    "Pat",
    "Rosa",
    "Sam",
    "Tariq",
    "Yusuf",
    "Amara",
    "Bilal",
    "Carys",
    "Dylan",
    "Eilidh",
    "Farah",
    "Gethin",
    "Hana",
    "Idris",
    "Joy",
    "Kofi",
    "Lena",
    "Marek",
    "Nadia",
    "Owen",
    "Parveen",
    "Rhys",
    "Sadia",
    "Tomasz",
    "Uma",
    "Vikram",
    "Wendy",
    "Xander",
    "Yasmin",
    "Zainab",
]
LAST = [
    "Jones",
    "Smith",
    "Ahmed",
    "Brown",
    "Kowalska",
    "Williams",
    "Okoro",
    "Taylor",
    "Begum",
    "Murphy",
    "Singh",
    "Evans",
    "Davies",
    "Hughes",
    "Khan",
    "Patel",
    "Wilson",
    "Nowak",
    "Roberts",
    "Walker",
    "Wright",
    "Thompson",
    "White",
    "Hall",
    "Green",
    "Lewis",
    "Clarke",
    "Jackson",
    "Wood",
    "Harris",
    "Martin",
    "Mensah",
    "Hussain",
    "Ali",
    "Edwards",
    "Osei",
    "Morris",
    "Price",
    "Bennett",
]
STREETS = (
    "Albion Road",
    "Canal Street",
    "Mill Lane",
    "Station Road",
    "Church Walk",
    "Park View",
    "Victoria Court",
    "Foundry Close",
    "Weavers Row",
    "Chapel Street",
    "Beck Side",
    "Queens Drive",
    "Orchard Way",
    "Tannery Yard",
    "Hillside Avenue",
    "Brook Terrace",
)
PLACES = (
    "Hyde Park",
    "Seacroft",
    "Holbeck",
    "Armley",
    "Beeston",
    "Chapeltown",
    "Gipton",
    "Halton Moor",
    "Hunslet",
    "Kirkstall",
    "Middleton",
    "Osmondthorpe",
    "Richmond Hill",
    "Swarcliffe",
    "Belle Isle",
    "Burmantofts",
    "Cottingley",
    "Ebor Gardens",
    "Lincoln Green",
    "Little London",
    "Meanwood",
    "Saxton",
    "Whinmoor",
)
ESTATE_KINDS = ("estate", "grange", "fields", "park", "village", "court")
RIVERS = [
    "Aire",
    "Calder",
    "Nidd",
    "Wharfe",
    "Ouse",
    "Swale",
    "Ure",
    "Derwent",
    "Hull",
    "Don",
    "Rother",
    "Dearne",
    "Colne",
    "Holme",
    "Ryburn",
]
CONTRACTORS = (
    "Northgate Repairs Ltd",
    "Pennine Property Services",
    "Damp Solutions (Yorkshire)",
    "Brightwater Plumbing",
    "Keystone Building Maintenance",
    "Greenfield Grounds",
    "Sparkright Electrical",
    "Ridgeway Roofing",
    "Clearview Cleaning",
    "Heatwise Gas Services",
    "Framecraft Windows",
    "Liftcare Engineering",
)

# Per category: what residents complain of (the summary and first point) and want.
ABOUT = {
    "Repairs": (
        "The boiler has broken down again and the repair was not completed",
        "A leaking roof was reported and the contractor did not attend twice",
        "The kitchen repair was left unfinished for weeks",
    ),
    "Damp and mould": (
        "Damp and mould in the bedroom has come back after the repair",
        "Black mould in the bathroom is affecting my child's health",
    ),
    "Anti-social behaviour": (
        "Noise from the flat above was reported and nothing happened",
        "Reports of drug dealing on the stairs were not followed up",
    ),
    "Communal areas": (
        "Communal areas have not been cleaned for weeks",
        "The lift has been out of order for a month",
    ),
    "Staff conduct": (
        "The officer who visited was rude to my mother",
        "Staff did not call back as promised",
    ),
    "Contractors": (
        "The contractor left rubbish in the garden",
        "The contractor damaged the flooring during the works",
    ),
    "Rent and service charges": (
        "Nobody replied to my emails about the rent account",
        "The service charge increase was not explained",
    ),
    "Neighbourhood": (
        "Fly-tipping behind the block is not being removed",
        "The play area has been closed for months",
    ),
    "Lettings": (
        "The home was not ready on the day we moved in",
        "The transfer application was lost",
    ),
    "Other": (
        "Letters were sent to the wrong address",
        "My adaptation request was not progressed",
    ),
}
SECOND_POINTS = (
    "Calls and emails were not returned",
    "Appointments were missed without notice",
    "The problem was not explained",
    "Damaged belongings have not been replaced",
)
OUTCOMES = (
    "Put the problem right",
    "An apology",
    "An explanation of what went wrong",
    "Compensation for the inconvenience",
    "A date for the works",
)
REASONS = (
    "We reviewed the repair history and spoke to the contractor and the resident.",
    "We checked our records, the officer's notes and the calls made.",
    "We inspected the home and reviewed the works orders raised.",
)
STAGE2_POINT = "Stage 1 did not resolve the problem"
STILL_WRONG = (
    "The problem is still there",
    "I do not agree with the decision",
    "Nothing has happened since the response",
    "",
)
EXTENSION_REASONS = (
    "Waiting for the contractor's survey report",
    "Specialist damp inspection booked",
    "Waiting for information from another department",
)
REMEDIES = {
    "apology": "We apologise for the failings identified",
    "explanation": "An explanation of the delays and what we will do differently",
    "action_on_delay": "The outstanding works booked with a confirmed date",
    "financial": "Compensation for time, trouble and distress",
}
ACTIONS = (
    "Complete the outstanding repair",
    "Carry out a post-inspection",
    "Review the case file with the repairs team",
)
ADJUSTMENTS = (
    ("Large print letters", "large_print", "Sight loss"),
    ("Call rather than write", "", ""),
    ("An interpreter for calls", "translation", ""),
    ("Extra time to respond", "", "Anxiety"),
)
RELATIONSHIPS = ("Daughter", "Son", "Advocate", "Councillor", "Support worker")

TITLES = {
    "acknowledgement": "We have received your complaint",
    "refusal": "Your complaint: why we cannot take it forward",
    "extension": "Your complaint: we need more time",
    "stage_response": "Our response to your complaint",
}
LINES = {
    "acknowledgement": (
        "Thank you for your complaint, which we are handling at stage {stage}.",
        "We understand your complaint to be: {points}.",
        "We will respond by {respond_by}.",
    ),
    "refusal": (
        "We have decided not to take your complaint forward: {reason}.",
        "If you disagree you can contact the Housing Ombudsman on 0300 111 3000.",
    ),
    "extension": (
        "We need more time to respond to your complaint at stage {stage}: {reason}.",
        "We will now respond by {respond_by}.",
        "You can contact the Housing Ombudsman on 0300 111 3000.",
    ),
    "stage_response": (
        "This is our stage {stage} response to your complaint.",
        "Our decision: {decisions}.",
        "{next_step}",
    ),
}


def letter_parts(kind: str, name: str, reference: str, **facts) -> tuple[str, str, str]:
    """A short letter of `kind`: (subject, html, text). Real letters come from templates;
    generated ones are brief so that a million complaints' letters stay small."""
    subject = f"{TITLES[kind]} ({reference})"
    lines = [line.format(**facts) for line in LINES[kind]]
    html = "".join(f"<p>{line}</p>\n" for line in (f"Dear {name},", *lines))
    text = "\n\n".join((subject, f"Dear {name},", *lines))
    return subject, html, text


def _pdf() -> bytes:
    """One small, valid PDF shared by every generated letter (a rendered PDF per letter
    would take longer than the rest of the history together)."""
    stream = b"BT /F1 12 Tf 72 720 Td (Generated letter: see its HTML or text version.) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


PDF = _pdf()
