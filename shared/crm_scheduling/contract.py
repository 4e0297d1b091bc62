"""The operations Tidbok uses, their namespaces and SOAP actions, and validation of any message
element (request, response or header) against the contract's schemas (`schemas/README.md`).

xmlschema (pure Python, XSD 1.0/1.1, maintained by the SISSA team) validates; lxml builds and parses
(zeep would add a client-side SOAP layer, but the producer stand-in needs the same schemas on the
serving side, and the envelopes are simple enough to write: `soap.py`).
"""

import functools
from pathlib import Path
from typing import Any, Literal

import xmlschema
from lxml import etree

SCHEMAS = Path(__file__).parent / "schemas"
CORE = "urn:riv:crm:scheduling:1"
CORE_1_1 = "urn:riv:crm:scheduling:1.1"

Operation = Literal[
    "GetAllHealthcareFacilities",
    "GetAllTimeTypes",
    "GetAvailableTimeslots",
    "MakeBooking",
    "UpdateBooking",
    "CancelBooking",
    "GetBookingDetails",
    "GetSubjectOfCareSchedule",
]
OPERATIONS: tuple[Operation, ...] = (
    "GetAllHealthcareFacilities",
    "GetAllTimeTypes",
    "GetAvailableTimeslots",
    "MakeBooking",
    "UpdateBooking",
    "CancelBooking",
    "GetBookingDetails",
    "GetSubjectOfCareSchedule",
)
# The 1.1 additions some requests carry in a namespace of their own.
EXTENDED: frozenset[Operation] = frozenset({"GetAllTimeTypes", "GetAvailableTimeslots"})


class ContractViolation(Exception):
    """A message that the contract's schemas do not allow; `reason` names the first problem."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def responder(operation: Operation) -> str:
    return f"urn:riv:crm:scheduling:{operation}Responder:1"


def responder_1_1(operation: Operation) -> str:
    return f"urn:riv:crm:scheduling:{operation}Responder:1.1"


def soap_action(operation: Operation) -> str:
    return f"{responder(operation)}:{operation}"


def operation_of(element: etree._Element) -> tuple[Operation, bool] | None:
    """(the operation, whether it is the response) of a body element; None for anything else."""
    qname = etree.QName(element)
    for operation in OPERATIONS:
        if qname.namespace == responder(operation):
            if qname.localname == operation:
                return operation, False
            if qname.localname == f"{operation}Response":
                return operation, True
    return None


@functools.cache
def schema() -> xmlschema.XMLSchema:
    """Every namespace of the contract in one schema (built once; about 0.3 s)."""
    files: list[Any] = [
        SCHEMAS / "riv" / "itintegration_registry.xsd",
        SCHEMAS / "riv" / "interoperability_headers.xsd",
        *(SCHEMAS / "interactions" / f"{operation}Responder_1.1.xsd" for operation in OPERATIONS),
    ]
    return xmlschema.XMLSchema(files)


def problems(element: etree._Element) -> list[str]:
    """Every way `element` breaks the schemas (empty when valid)."""
    return [_short(error) for error in schema().iter_errors(element)]


def validate(element: etree._Element) -> None:
    found = problems(element)
    if found:
        raise ContractViolation(found[0])


def _short(error: xmlschema.XMLSchemaValidationError) -> str:
    where = error.path or ""
    return f"{where}: {error.reason}" if error.reason else f"{where}: {error.message.splitlines()[0]}"
