"""County → city as of 2016 (莱芜 still a city; 2014–2016 renames applied)."""

from __future__ import annotations

import pytest

from fupin_forms.divisions import city_of_county, city_of_text, county_of_text, shandong_divisions


@pytest.mark.parametrize(
    ("text", "city"),
    [
        ("沂水县院东头镇桃棵子村", "临沂"),
        ("曹县古营集镇刘岗村", "菏泽"),
        ("沾化区下洼镇东平村", "滨州"),  # 沾化县 became 沾化区 in 2014
        ("定陶区某村", "菏泽"),  # 2016
        ("陵城区某村", "德州"),
        ("莱城区某村", "莱芜"),  # 莱芜 was a city until 2019
        ("山东省临沂市兰山区涑河北街", "临沂"),
        ("乐陵市杨安镇前王村", "德州"),
        ("市中区某村", None),  # 济南 and 枣庄 both have one
        ("北京市海淀区", None),
        ("", None),
    ],
)
def test_city_of_text(text: str, city: str | None) -> None:
    assert city_of_text(text) == city


def test_city_of_county() -> None:
    assert city_of_county("沂水县") == "临沂"
    assert city_of_county("沂水") == "临沂"
    assert city_of_county("沂水县科协") == "临沂"
    assert city_of_county("沾化县") is None  # gone by 2016


def test_table_as_of_2016() -> None:
    table = shandong_divisions()
    assert table[371200] == "莱芜市" and table[371603] == "沾化区" and 371624 not in table
    assert table[370114] == "章丘区" and 370181 not in table


@pytest.mark.parametrize(
    ("text", "county"),
    [
        ("沂水县院东头镇桃棵子村", "沂水县"),
        ("临沂市兰山区", "兰山区"),
        ("沂水县科协", "沂水县"),
        ("济南市市中区", "市中区"),  # a name several cities have: the text names the city
        ("市中区某村", None),  # … or it places nothing
        ("临沂市", None),  # a city is not a county
        ("", None),
    ],
)
def test_county_of_text(text: str, county: str | None) -> None:
    assert county_of_text(text) == county
