"""The unified social credit code (GB 32100-2015): the check characters worked out by hand here,
then properties over generated codes (any one character changed fails; lower case is the same code)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ipcity.credit_codes import (
    ALPHABET,
    AUTHORITIES,
    check_character,
    credit_code_problem,
    is_credit_code,
    normalise_credit_code,
    org_check_character,
)

# The standard's table of values, written out: digits are themselves, then A=10 … Y=30 without
# I, O, S, V, Z.
VALUES = {**{str(d): d for d in range(10)}, "A": 10, "B": 11, "C": 12, "D": 13, "E": 14, "F": 15, "G": 16,
          "H": 17, "J": 18, "K": 19, "L": 20, "M": 21, "N": 22, "P": 23, "Q": 24, "R": 25, "T": 26, "U": 27,
          "W": 28, "X": 29, "Y": 30}
# 3^(i-1) mod 31 for i = 1…17, each power reduced by hand: 3^3 = 27, 3^4 = 81 = 2·31 + 19, 3^5 ≡ 57 ≡ 26…
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def test_the_check_character_worked_by_hand():
    code = "91340700MA2N00001P"
    # 9·1 + 1·3 + 3·9 + 4·27 + 0·19 + 7·26 + 0·16 + 0·17 + M21·20 + A10·29 + 2·25 + N22·13 + 0·8 + 0·24
    # + 0·10 + 0·30 + 1·28 = 9 + 3 + 27 + 108 + 182 + 420 + 290 + 50 + 286 + 28 = 1403
    assert sum(VALUES[c] * w for c, w in zip(code[:17], WEIGHTS, strict=True)) == 1403
    # 1403 = 45·31 + 8, so C18 = 31 − 8 = 23, the value of P
    assert 1403 - 45 * 31 == 8 and VALUES["P"] == 23
    assert check_character(code[:17]) == "P"
    # The organisation code MA2N0000 (GB 11714: letters count A=10 … Z=35): M22·3 + A10·7 + 2·9
    # + N23·10 = 66 + 70 + 18 + 230 = 384 = 34·11 + 10, so C9 = 11 − 10 = 1
    assert org_check_character("MA2N0000") == "1"
    assert credit_code_problem(code) is None


def test_a_published_sample_code_is_valid():
    # The sample code of many registries' documentation: organisation code M000100Y: M22·3 + 1·5
    # + Y34·2 = 139 = 12·11 + 7 → 4; then Σ = 1640 = 52·31 + 28 → 31 − 28 = 3.
    assert org_check_character("M000100Y") == "4"
    assert check_character("91350100M000100Y4") == "3"
    assert is_credit_code("91350100M000100Y43")


def test_the_remainders_written_as_characters():
    # Σ ≡ 0 (mod 31): C18 would be 31, written 0
    assert check_character("0" * 17) == "0"
    # organisation code: Σ ≡ 0 (mod 11) → 11, written 0; Σ = 6·2 = 12 ≡ 1 → 10, written X
    assert org_check_character("00000000") == "0"
    assert org_check_character("00000006") == "X"


@pytest.mark.parametrize(("code", "words"), [
    ("", "应为 18 位，现为 0 位"),
    ("91340700MA2N00001", "应为 18 位，现为 17 位"),
    ("91340700MA2N00001PP", "应为 18 位，现为 19 位"),
    ("9134070OMA2N00001P", "第 8 位的“O”不是代码用字"),
    ("91340700MA2N0I001P", "第 14 位的“I”不是代码用字"),
    ("B1340700MA2N00001P", "第 1 位（登记管理部门）不能是“B”"),
    ("94340700MA2N00001P", "第 2 位（机构类别）不能是“4”"),
    ("91000700MA2N00001P", "第 3–8 位“000700”不是行政区划代码"),
    ("91990700MA2N00001P", "第 3–8 位“990700”不是行政区划代码"),
    ("91340700MA2N00002P", "第 17 位（组织机构代码校验位）应为1"),
    ("91340700MA2N00001Q", "校验位应为P"),
    # one digit of the division mistyped: only the check character notices
    ("91340800MA2N00001P", "校验位应为"),
])
def test_each_problem_is_named(code, words):
    problem = credit_code_problem(code)
    assert problem is not None and words in problem.message()
    assert code in problem.message()


def test_the_national_offices_division_is_accepted():
    first16 = "11100000" + "MB0000A0"
    code = first16 + org_check_character(first16[8:])
    code += check_character(code)
    assert is_credit_code(code)


def test_the_message_is_translated_by_the_caller():
    problem = credit_code_problem("XYZ")
    assert problem is not None
    assert problem.message(lambda template: template.replace("统一社会信用代码", "USCC")).startswith("USCC“XYZ”")


def test_normalising_folds_width_and_case():
    assert normalise_credit_code(" ９１340700ma2n00001p ") == "91340700MA2N00001P"
    assert normalise_credit_code(None) == ""


AUTHORITY_TYPES = [a + t for a, types in AUTHORITIES.items() for t in types]
DIVISIONS = ["340700", "340702", "110000", "650100", "820000", "100000"]


@st.composite
def valid_codes(draw) -> str:
    head = draw(st.sampled_from(AUTHORITY_TYPES)) + draw(st.sampled_from(DIVISIONS))
    body = "".join(draw(st.lists(st.sampled_from(ALPHABET), min_size=8, max_size=8)))
    code = head + body + org_check_character(body)
    return code + check_character(code)


@given(valid_codes(), st.integers(min_value=0, max_value=17), st.sampled_from(ALPHABET + "IOSVZa-"))
def test_changing_any_one_character_makes_a_valid_code_invalid(code, position, char):
    assert is_credit_code(code)
    if code[position] == char:
        char = ALPHABET[(ALPHABET.index(char) + 1) % len(ALPHABET)]
    changed = code[:position] + char + code[position + 1:]
    assert credit_code_problem(changed) is not None


@given(valid_codes())
def test_lower_case_input_is_the_same_code(code):
    assert not is_credit_code(code.lower()) or code.lower() == code
    assert normalise_credit_code(code.lower()) == code and is_credit_code(normalise_credit_code(code.lower()))
