"""The JSON API, /api/v1: one error shape for every refusal, mapped here only.

Every error body is {"error": {"message", "field", "rule"}} (plus "errors"
for a request that does not fit the schema), so a client can show the
message beside the field and cite the Code's provision. The schema documents
each operation's error responses (redress/project/openapi.py).
"""

from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from redress.cases.access import require_resident_visible, require_visible
from redress.cases.api import router as cases_router
from redress.cases.models import OutstandingAction
from redress.letters.api import router as letters_router
from redress.project import openapi
from redress.reception.api import router as intake_router
from redress.record.errors import Forbidden, NotFound, Refused
from redress.remedies.api import router as remedies_router
from redress.remedies.models import Remedy
from redress.staff import auth as staff_auth
from redress.ui import converters  # noqa: F401  (registers the path converters)

# Path parameters naming a row of a complaint: the model that holds it. This is the one
# place the API checks that the record in a path is one the person may open.
OF_A_COMPLAINT = {
    "remedy_id": (Remedy, "remedy"),
    "action_id": (OutstandingAction, "outstanding action"),
}
# Path parameters open to every case worker: service requests belong to no team.
OPEN_TO_CASEWORK = {"request_id"}


def require_visible_path(user, params: dict | None) -> None:
    """Every record a path names is one this person may open, else not found.

    It reads the values the route itself will be given (the path converters' ids and
    references), and it fails closed: a parameter it has no rule for, or a value not
    of its converter's type, is refused rather than let through unchecked."""
    if params is None:
        raise NotFound("no such resource")
    for name, value in params.items():
        if name == "reference" and isinstance(value, str):
            require_visible(user, value)
        elif type(value) is not int:
            raise NotFound("no such resource", field=name)
        elif name == "resident_id":
            require_resident_visible(user, value)
        elif name in OF_A_COMPLAINT:
            _require_row_visible(user, *OF_A_COMPLAINT[name], value)
        elif name not in OPEN_TO_CASEWORK:
            raise NotFound("no such resource", field=name)


def _require_row_visible(user, model, what: str, pk: int) -> None:
    reference = model.objects.filter(pk=pk).values_list("complaint__reference", flat=True).first()
    try:
        require_visible(user, reference or "")
    except NotFound:
        raise NotFound(f"no {what} {pk}", field="id") from None


class StaffToken(staff_auth.StaffToken):
    """A case worker's token, and the record in the path one they may open, checked before
    the body is read: a request about a complaint someone may not open is "not found"
    whatever it carries, never a validation error that shows the route took it. (Named as
    the token it extends: the schema calls the security scheme by the class's name.)"""

    def authenticate(self, request, token: str):
        user = super().authenticate(request, token)
        if user is not None:
            match = request.resolver_match
            require_visible_path(user, None if match is None else match.kwargs)
        return user


class RedressAPI(NinjaAPI):
    """The schema gives each path parameter's one form and each operation's error
    responses (redress/project/openapi.py)."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        if path_prefix is None:
            path_prefix = self.get_root_path(path_params or {})
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        return openapi.document(schema, self, path_prefix)


api = RedressAPI(
    title="Redress",
    version="1",
    description="Complaint handling under the Housing Ombudsman's Complaint Handling Code.",
    auth=StaffToken(),
    urls_namespace="api-v1",
)
api.add_router("/", intake_router)
api.add_router("/", cases_router)
api.add_router("/", letters_router)
api.add_router("/", remedies_router)


def _error(request, status: int, message: str, field=None, rule=None, **extra):
    body = {"error": {"message": message, "field": field, "rule": rule, **extra}}
    return api.create_response(request, body, status=status)


@api.exception_handler(NotFound)
def not_found(request, exc: NotFound):
    return _error(request, 404, exc.message, exc.field, exc.rule)


@api.exception_handler(Forbidden)
def forbidden(request, exc: Forbidden):
    return _error(request, 403, exc.message, exc.field, exc.rule)


@api.exception_handler(HttpError)
def unreadable(request, exc: HttpError):
    """Ninja's own refusals (a body that is not JSON) in the one shape."""
    return _error(request, exc.status_code, str(exc), "body" if exc.status_code == 400 else None)


@api.exception_handler(Refused)
def refused(request, exc: Refused):
    return _error(request, 409 if exc.field is None else 422, exc.message, exc.field, exc.rule)


def _field_name(location: tuple) -> str:
    """['body', 'payload', 'working_days'] -> 'working_days'; keeps list indexes."""
    parts = [str(p) for p in location if p not in ("body", "payload", "query", "path", "form")]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def invalid(request, exc: ValidationError):
    errors = [
        {"field": _field_name(tuple(e.get("loc", ()))), "message": e.get("msg", "invalid")}
        for e in exc.errors
    ]
    first = errors[0] if errors else {"field": None, "message": "invalid request"}
    return _error(
        request, 422, f"{first['field']}: {first['message']}", first["field"], None, errors=errors
    )


@api.exception_handler(AuthenticationError)
def unauthenticated(request, exc):
    """The mail gateway has its own token; everything else wants a case worker's."""
    if request.path.endswith("/inbound-mail"):
        return _error(request, 401, "the inbound-mail token is required", "Authorization")
    return _error(request, 401, "a case-work user's valid API token is required", "Authorization")
