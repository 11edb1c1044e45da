"""The strict YAML subset: what is refused, with which Dutch message and line."""

import pytest

from stemsite.load.yaml_strict import Mapping, Scalar, Sequence, YamlProblem, parse


def test_values_keep_text_and_lines():
    tree = parse("name: Acme\nphone: 0471123456\nflag: no\ntime: 12:30\nlist:\n  - a\n  - 'b'\n")
    assert isinstance(tree, Mapping)
    assert tree.items["phone"] == Scalar("0471123456", 2)
    assert tree.items["flag"].text == "no"
    assert tree.items["time"].text == "12:30"
    assert tree.keys == {"name": 1, "phone": 2, "flag": 3, "time": 4, "list": 5}
    assert isinstance(tree.items["list"], Sequence)
    assert [(i.text, i.line, i.quoted) for i in tree.items["list"].items] == [("a", 6, False), ("b", 7, True)]


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("name: a\nname: b\n", 2, "staat er twee keer in (eerst op regel 1)"),
        ("a: &x 1\nb: 2\n", 1, "ankers (&x) worden niet aanvaard"),
        ("a: [1]\nb: *x\n", 2, "alias"),
        ("a: !!python/object:os.system x\n", 1, "YAML-tags"),
        ("a: !custom x\n", 1, "YAML-tags"),
        ("a: 1\n---\nb: 2\n", 2, "meer dan één YAML-document"),
        ("- a\n- b\n", 1, "moet met velden beginnen"),
        ("a:\n\tb: 1\n", 2, "tab"),
        ("titel: STEM: zo\n", 1, "onverwachte ':'"),
        ("a: 'open\n", 1, "aanhalingsteken"),  # the line where the quote opens
        ("# alleen commentaar\n", 1, "leeg"),
    ],
)
def test_refused_with_dutch_message_and_line(text, line, fragment):
    with pytest.raises(YamlProblem) as caught:
        parse(text)
    assert fragment in caught.value.message
    assert caught.value.line == line
    assert caught.value.fix


def test_billion_laughs_refused_before_expansion():
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev = chr(ord("a") + i - 1)
        lines.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [{','.join(['*' + prev] * 9)}]")
    with pytest.raises(YamlProblem) as caught:
        parse("\n".join(lines))
    assert caught.value.line == 1
    assert "ankers" in caught.value.message
