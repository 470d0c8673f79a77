"""Render a list counter in a Word number format (w:numFmt): 一, 十一, ①, ⑴, 甲, iv, …

Only formats that occur in Chinese government documents are spelled out; any other format
falls back to Arabic digits, which is what Word itself does for formats it cannot draw.
"""

from __future__ import annotations

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_CN_UNITS = ["", "十", "百", "千"]
_CN_LEGAL_UNITS = ["", "拾", "佰", "仟"]
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_PARENTHESISED = "⑴⑵⑶⑷⑸⑹⑺⑻⑼⑽⑾⑿⒀⒁⒂⒃⒄⒅⒆⒇"
_FULL_STOP = "⒈⒉⒊⒋⒌⒍⒎⒏⒐⒑⒒⒓⒔⒕⒖⒗⒘⒙⒚⒛"
_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def chinese_counting(n: int, digits: str = _CN_DIGITS, units: list[str] | None = None) -> str:
    """1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 105 → 一百零五 (up to 9999, then digits)."""
    units = units or _CN_UNITS
    if n <= 0 or n > 9999:
        return str(n)
    parts: list[str] = []
    text = str(n)
    zero_pending = False
    for i, ch in enumerate(text):
        d = int(ch)
        place = len(text) - i - 1
        if d == 0:
            zero_pending = bool(parts)
            continue
        if zero_pending:
            parts.append(digits[0])
            zero_pending = False
        parts.append(digits[d] + units[place])
    out = "".join(parts)
    # Counting style writes 10–19 as 十, 十一…, not 一十, 一十一.
    if units is _CN_UNITS and 10 <= n <= 19:
        out = out[1:]
    return out


def _cyclic(symbols: str, n: int) -> str:
    return symbols[(n - 1) % len(symbols)] if n > 0 else str(n)


def _enclosed(symbols: str, n: int) -> str:
    return symbols[n - 1] if 1 <= n <= len(symbols) else str(n)


def _letters(n: int) -> str:
    # Word repeats the letter: a … z, aa … zz.
    if n <= 0:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if n <= 0 or n >= 4000:
        return str(n)
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _full_width(n: int) -> str:
    return "".join(chr(ord(c) - ord("0") + ord("０")) for c in str(n))


def format_counter(n: int, num_fmt: str) -> str:
    """The counter ``n`` as Word draws it in format ``num_fmt``; bullets and ``none`` give ''."""
    match num_fmt:
        case "decimal" | "arabicAbjad" | "":
            return str(n)
        case "decimalZero":
            return f"{n:02d}"
        case "decimalFullWidth" | "decimalFullWidth2":
            return _full_width(n)
        case "chineseCounting" | "chineseCountingThousand" | "japaneseCounting" | "taiwaneseCounting" \
                | "koreanCounting" | "ideographDigital" | "taiwaneseDigital":
            return chinese_counting(n)
        case "chineseLegalSimplified" | "ideographLegalTraditional" | "japaneseLegal":
            return chinese_counting(n, _CN_LEGAL_DIGITS, _CN_LEGAL_UNITS)
        case "ideographTraditional":
            return _cyclic(_HEAVENLY_STEMS, n)
        case "ideographZodiac":
            return _cyclic(_EARTHLY_BRANCHES, n)
        case "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" | "ideographEnclosedCircle":
            return _enclosed(_CIRCLED, n)
        case "decimalEnclosedParen":
            return _enclosed(_PARENTHESISED, n)
        case "decimalEnclosedFullstop":
            return _enclosed(_FULL_STOP, n)
        case "lowerLetter":
            return _letters(n)
        case "upperLetter":
            return _letters(n).upper()
        case "lowerRoman":
            return _roman(n)
        case "upperRoman":
            return _roman(n).upper()
        case "bullet" | "none":
            return ""
        case _:
            return str(n)
