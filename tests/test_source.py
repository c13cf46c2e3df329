import hashlib

from tests.conftest import SOURCE

SHA = "1765700774719cc4ff6203c0ae91d455aa16be35a95e281121ab266912e3785b"


def test_source_is_the_verbatim_copy():
    assert hashlib.sha256(SOURCE.read_bytes()).hexdigest() == SHA


def test_catalogue_records_the_source(catalogue):
    assert catalogue.meta["source_sha256"] == SHA
    assert catalogue.meta["parser_version"]
