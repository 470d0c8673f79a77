"""Masking keeps the shape and hides what identifies a person."""

from __future__ import annotations

import pytest

from ipcity.casework.privacy import mask_address, mask_email, mask_id_number, mask_person_name, mask_phone


@pytest.mark.parametrize("name,masked", [
    ("张三", "张*"), ("王小明", "王**"), ("欧阳娜娜", "欧阳**"), ("司马相如", "司马**"),
    ("欧阳", "欧*"),  # two characters: a surname 欧 and a given name 阳
    ("李", "*"), (" 张三 ", "张*"), ("", ""), ("John Smith", "J*** *****"),
])
def test_person_name(name, masked):
    assert mask_person_name(name) == masked


@pytest.mark.parametrize("phone,masked", [
    ("13812341234", "138****1234"),
    ("0571-88886666", "057*-****6666"),
    ("+86 138 1234 5678", "+86 138 **** 5678"),
    ("12345", "***45"),
    ("", ""),
])
def test_phone(phone, masked):
    assert mask_phone(phone) == masked


@pytest.mark.parametrize("email,masked", [
    ("alice@x.cn", "a***@x.cn"), ("zhang.san@example.com.cn", "z***@example.com.cn"),
    ("not-an-email", "n***"), ("", ""),
])
def test_email(email, masked):
    assert mask_email(email) == masked


@pytest.mark.parametrize("address,masked", [
    ("浙江省杭州市西湖区文三路90号", "浙江省杭州市西湖区****"),
    ("北京市朝阳区建国路88号", "北京市朝阳区****"),
    ("上海市浦东新区张江路1号", "上海市浦东新区****"),
    ("内蒙古自治区呼和浩特市新城区某路1号", "内蒙古自治区呼和浩特市新城区****"),
    ("新疆维吾尔自治区伊犁哈萨克自治州伊宁市解放路", "新疆维吾尔自治区伊犁哈萨克自治州伊宁市****"),
    # a county-level city: the 小区 after the 街道 is not a district
    ("浙江省义乌市稠城街道某小区3幢", "浙江省义乌市****"),
    ("浙江省杭州市西湖区", "浙江省杭州市西湖区"),  # nothing below the district to hide
    ("文三路90号", "****"),  # no recognisable region: masked whole
    ("", ""),
])
def test_address_to_the_district(address, masked):
    assert mask_address(address) == masked


@pytest.mark.parametrize("number,masked", [
    ("110101199003071234", "110***********1234"),
    ("11010119900307123X", "110***********123X"),
    ("110101900307123", "110********7123"),
    ("123456", "****56"),
    ("", ""),
])
def test_id_number_keeps_its_length(number, masked):
    assert mask_id_number(number) == masked
    assert len(mask_id_number(number)) == len(number)
