"""Documents generated from the code stay what the code says (deploy/docs.py)."""

from deploy import docs


def test_every_error_code_says_when_it_is_answered() -> None:
    assert docs.missing_when() == []


def test_docs_errors_md_is_what_the_catalogues_say() -> None:
    assert docs.ERRORS_MD.read_text(encoding="utf-8") == docs.errors_markdown(), "run: python -m deploy.docs"
