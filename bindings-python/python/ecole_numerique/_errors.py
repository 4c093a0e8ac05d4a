"""The exception family of ecole_numerique.

The native module raises these classes for core's three error kinds; each names the place of
the bad input (``path``, e.g. ``dossiers[3].signed_on``) and says what is wrong (``detail``).
"""

from __future__ import annotations

from typing import ClassVar


class EcoleNumeriqueError(ValueError):
    """A request or an edition that cannot be used.

    ``kind`` is core's stable name of the error kind (``invalid_request``, ``unknown_edition``,
    ``invalid_edition``), ``path`` the place of the bad input (empty for the whole document),
    ``detail`` what is wrong without the path, ``message`` the full message (``str(err)``).
    """

    kind: ClassVar[str] = "error"

    def __init__(self, message: str, path: str = "", detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.detail = detail or message

    def __reduce__(self) -> tuple[type[EcoleNumeriqueError], tuple[str, str, str]]:
        return (type(self), (self.message, self.path, self.detail))

    def __repr__(self) -> str:
        return f"{type(self).__name__}(path={self.path!r}, detail={self.detail!r})"


class InvalidRequestError(EcoleNumeriqueError):
    """The request cannot be read: a wrong type or unknown value, an impossible date, a
    duplicate id or FASE number, a negative capacity, an unknown field, malformed JSON."""

    kind: ClassVar[str] = "invalid_request"


class UnknownEditionError(EcoleNumeriqueError):
    """An edition id that is neither built in nor supplied by the request."""

    kind: ClassVar[str] = "unknown_edition"


class InvalidEditionError(EcoleNumeriqueError):
    """An edition document that does not hold together (its bad field is in ``path``)."""

    kind: ClassVar[str] = "invalid_edition"


class InternalError(EcoleNumeriqueError, RuntimeError):
    """A bug in the library (a Rust panic), caught before it could reach the interpreter.

    It is also a ``RuntimeError``: it says nothing about the request. Please report it.
    """

    kind: ClassVar[str] = "internal"


ERRORS_BY_KIND: dict[str, type[EcoleNumeriqueError]] = {
    cls.kind: cls for cls in (InvalidRequestError, UnknownEditionError, InvalidEditionError)
}
"""The exception class for each of core's error kinds."""
