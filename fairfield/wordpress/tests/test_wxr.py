from xml.etree.ElementTree import ParseError

import pytest
from defusedxml import DTDForbidden

from fairfield.wordpress import wxr
from fairfield.wordpress.tests.conftest import FIXTURES


def read(path):
    with path.open("rb") as source:
        return list(wxr.read_wxr(source))


def test_the_reader_yields_site_authors_terms_and_items_in_file_order():
    records = read(FIXTURES / "small.xml")
    assert records[0] == wxr.Site(base_site_url="https://harbour-notes.example")
    assert [type(record).__name__ for record in records[1:8]] == ["Author"] * 2 + ["Category"] * 3 + ["Tag"] * 2
    items = [record for record in records if isinstance(record, wxr.Item)]
    assert [item.wp_id for item in items] == ["10", "11", "12", "13", "14", "15", "20", "30", "16"]
    first = items[0]
    assert first.categories == (("stories", "Stories"), ("ward-life", "Ward &amp; Life"), ("news", "News"))
    assert first.tags == (("hope", "hope"), ("cafe", "café &amp; tea"))
    assert len(first.comments) == 12
    assert first.comments[4].content == "  Not allowed?  <b>Why</b> not?\n"


def test_the_reader_understands_wxr_1_1(tmp_path):
    older = tmp_path / "older.xml"
    older.write_text((FIXTURES / "small.xml").read_text().replace("export/1.2/", "export/1.1/"))
    items = [record for record in read(older) if isinstance(record, wxr.Item)]
    assert items[0].wp_id == "10"
    assert items[0].status == "publish"


def test_the_reader_forgets_each_item_once_yielded():
    with (FIXTURES / "small.xml").open("rb") as source:
        records = wxr.read_wxr(source)
        seen = 0
        for record in records:
            if isinstance(record, wxr.Item):
                seen += 1
        assert seen == 9


@pytest.mark.parametrize("name", ["bomb.xml", "external_entity.xml"])
def test_the_reader_refuses_documents_with_a_dtd(name):
    with pytest.raises(DTDForbidden):
        read(FIXTURES / name)


def test_the_reader_yields_what_came_before_a_fault_then_names_its_line():
    seen = []
    with pytest.raises(ParseError) as caught, (FIXTURES / "malformed.xml").open("rb") as source:
        for record in wxr.read_wxr(source):
            seen.append(record)
    assert [record.wp_id for record in seen if isinstance(record, wxr.Item)] == ["10", "11", "12", "13", "14"]
    line, _column = caught.value.position
    text = (FIXTURES / "malformed.xml").read_text().splitlines()
    assert "a=1&b=2" in text[line - 1]
