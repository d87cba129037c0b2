"""A section's landing page lists its pages, each linked with its description, as plain Markdown text."""

from pancreas_kb.domain import section_index
from pancreas_kb.domain.section_index import Entry


def test_the_marker_is_replaced_by_a_list_of_links_with_descriptions():
    markdown = f"# Treatment\n\n{section_index.MARKER}\n\nMore.\n"
    entries = [Entry("stages.md", "Stages", "How far it has spread."), Entry("diet/index.md", "Diet", "")]
    assert section_index.fill(markdown, entries) == (
        "# Treatment\n\n"
        '<div class="kb-section-pages" markdown>\n\n'
        "- [Stages](stages.md)  \n  How far it has spread.\n"
        "- [Diet](diet/index.md)\n\n"
        "</div>\n\nMore.\n"
    )


def test_only_the_first_marker_is_filled():
    markdown = f"{section_index.MARKER}\n{section_index.MARKER}"
    out = section_index.fill(markdown, [Entry("a.md", "A", "")])
    assert out == f'<div class="kb-section-pages" markdown>\n\n- [A](a.md)\n\n</div>\n{section_index.MARKER}'


def test_a_page_without_the_marker_is_left_as_written():
    assert section_index.fill("# Plain\n", [Entry("a.md", "A", "")]) == "# Plain\n"


def test_titles_and_descriptions_are_shown_as_written_not_read_as_markup():
    entry = Entry("a.md", r"CA19-9 [*high*] <b> `x` _y_ \ &amp; &lt;", "Dose &gt; 5 mg*")
    assert section_index.render([entry]) == (
        '<div class="kb-section-pages" markdown>\n\n'
        r"- [CA19-9 \[\*high\*\] \<b\> \`x\` \_y\_ \\ & \<](a.md)  " + "\n"
        r"  Dose \> 5 mg\*" + "\n\n</div>"
    )


def test_an_empty_section_gives_an_empty_list():
    assert section_index.render([]) == '<div class="kb-section-pages" markdown>\n\n\n\n</div>'
