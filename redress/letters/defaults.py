"""The letters Redress ships with, in plain English. Landlords edit copies (new versions).

Each is a Jinja template rendered in a sandbox with autoescaping; it sees only
the letter's facts (`redress.letters.facts`). Names used here are the facts'
keys; `{{ landlord.name }}`, `{{ respond_by }}`, and so on.
"""

from __future__ import annotations

from redress.code.letters import LetterKind

GREETING = "<p>Dear {{ resident.name }},</p>\n"
SIGN_OFF = (
    "<p>Yours sincerely,</p>\n<p>{{ handler.name or 'The complaints team' }}<br>\n"
    "{{ landlord.name }}</p>\n"
)
CONTACT_US = (
    "{% if landlord.phone or landlord.email %}<p>You can contact us"
    "{% if landlord.phone %} on {{ landlord.phone }}{% endif %}"
    "{% if landlord.email %}{% if landlord.phone %} or{% endif %} by email at "
    "{{ landlord.email }}{% endif %}. Please quote {{ reference }}.</p>{% endif %}\n"
)
OMBUDSMAN = (
    "<p>{{ ombudsman.name }}<br>{{ ombudsman.address | replace('\\n', ', ') }}<br>\n"
    "Phone: {{ ombudsman.phone }}<br>Email: {{ ombudsman.email }}<br>\n"
    "Website: {{ ombudsman.website }}</p>\n"
)
ADJUSTMENTS = (
    "{% if adjustments %}<h2>How we will help you</h2>\n<p>We have agreed to:</p>\n<ul>"
    "{% for a in adjustments %}<li>{{ a }}</li>{% endfor %}</ul>\n{% endif %}"
)
DEFINITION = (
    "<h2>What your complaint is about</h2>\n<p>We understand your complaint to be:</p>\n<ul>"
    "{% for point in definition.points %}<li>{{ point }}</li>{% endfor %}</ul>\n"
    "<p>You would like:</p>\n<ul>"
    "{% for outcome in definition.outcomes_sought %}<li>{{ outcome }}</li>{% endfor %}</ul>\n"
)

DEFAULTS: dict[LetterKind, tuple[str, str]] = {
    LetterKind.ACKNOWLEDGEMENT: (
        "We have your complaint {{ reference }} (stage {{ stage }})",
        GREETING + "<p>Thank you for telling us what went wrong. We have logged your complaint at "
        "stage {{ stage }} of our complaints process.</p>\n"
        + DEFINITION
        + "{% if definition.responsible_for %}<p>We are responsible for:</p>\n<ul>"
        "{% for item in definition.responsible_for %}<li>{{ item }}</li>{% endfor %}</ul>"
        "{% endif %}\n"
        "{% if definition.not_responsible_for %}<p>We are not responsible for these things, "
        "and we will tell you who is:</p>\n<ul>"
        "{% for item in definition.not_responsible_for %}<li>{{ item }}</li>{% endfor %}</ul>"
        "{% endif %}\n"
        "<p>If we have got any of this wrong, please tell us.</p>\n"
        "<h2>What happens next</h2>\n"
        "<p>{{ handler.name }} is dealing with your complaint. We will send you our full "
        "answer by {{ respond_by }}.</p>\n" + ADJUSTMENTS + CONTACT_US + SIGN_OFF,
    ),
    LetterKind.CLARIFICATION: (
        "Your complaint {{ reference }}: a question for you",
        GREETING
        + "<p>We are looking into your complaint. To be sure we answer it properly, we need "
        "you to tell us:</p>\n<p><strong>{{ question }}</strong></p>\n" + CONTACT_US + SIGN_OFF,
    ),
    LetterKind.REFUSAL: (
        "Your complaint {{ reference }}: why we cannot accept it",
        GREETING + "<p>We have decided not to take your complaint through our complaints "
        "process. This is why:</p>\n<p>{{ refusal.reason }}</p>\n"
        "<h2>If you disagree</h2>\n"
        "<p>You can ask the Housing Ombudsman to look at our decision. They are independent "
        "and free to use:</p>\n" + OMBUDSMAN + CONTACT_US + SIGN_OFF,
    ),
    LetterKind.EXTENSION: (
        "Your complaint {{ reference }}: our answer will be later",
        GREETING + "<p>We need more time to answer your complaint properly. We will now send "
        "you our answer by <strong>{{ extension.new_date }}</strong>.</p>\n"
        "<h2>Why we need more time</h2>\n<p>{{ extension.reason }}</p>\n"
        "<h2>If you are unhappy with this</h2>\n"
        "<p>You can contact the Housing Ombudsman for help:</p>\n" + OMBUDSMAN + SIGN_OFF,
    ),
    LetterKind.UPDATE: (
        "Your complaint {{ reference }}: an update",
        GREETING + "<p>Here is our update on your complaint, as we agreed.</p>\n"
        "<p>{{ update.text }}</p>\n"
        "{% if respond_by %}<p>We still aim to answer by {{ respond_by }}.</p>{% endif %}\n"
        + CONTACT_US
        + SIGN_OFF,
    ),
    LetterKind.STAGE_RESPONSE: (
        "Your complaint {{ reference }}: our stage {{ stage }} answer",
        GREETING + "<p>This is our answer to your complaint at stage {{ stage }} of our "
        "complaints process.</p>\n"
        + DEFINITION
        + "<h2>What we decided</h2>\n<ul>{% for d in decisions %}<li>{{ d.point }}: "
        "<strong>{{ d.words }}</strong></li>{% endfor %}</ul>\n"
        "<h2>Why</h2>\n<p>{{ reasons }}</p>\n"
        "<h2>Putting things right</h2>\n"
        "{% if remedies %}<ul>{% for r in remedies %}<li>{{ r.description }}"
        "{% if r.amount %} (£{{ r.amount }}){% endif %}"
        "{% if r.due_on %}, by {{ r.due_on }}{% endif %}</li>{% endfor %}</ul>"
        "{% else %}<p>We are not offering a remedy.</p>{% endif %}\n"
        "<h2>What we still have to do</h2>\n"
        "{% if outstanding_actions %}<ul>{% for a in outstanding_actions %}"
        "<li>{{ a.description }}, by {{ a.due_on }}</li>{% endfor %}</ul>"
        "{% else %}<p>There is nothing left for us to do.</p>{% endif %}\n"
        "<h2>If you are still unhappy</h2>\n<p>{{ escalation_route }}</p>\n"
        "{% if stage == 2 %}" + OMBUDSMAN + "{% endif %}" + SIGN_OFF,
    ),
    LetterKind.REMEDY_OFFER: (
        "Your complaint {{ reference }}: how we will put things right",
        GREETING + "<p>We are sorry for what went wrong. This is what we will do:</p>\n<ul>"
        "{% for r in remedies %}<li>{{ r.description }}{% if r.amount %} (£{{ r.amount }})"
        "{% endif %}, by {{ r.due_on }}</li>{% endfor %}</ul>\n"
        "<p>Please tell us if you agree, or if something else would put things right.</p>\n"
        + CONTACT_US
        + SIGN_OFF,
    ),
    LetterKind.ACTION_UPDATE: (
        "Your complaint {{ reference }}: the work we promised",
        GREETING + "<p>When we answered your complaint, we said we still had work to do. "
        "This is where it stands:</p>\n<ul>{% for a in outstanding_actions %}"
        "<li>{{ a.description }}: {% if a.completed_on %}done on {{ a.completed_on }}"
        "{% else %}due by {{ a.due_on }}{% endif %}</li>{% endfor %}</ul>\n"
        + CONTACT_US
        + SIGN_OFF,
    ),
}
