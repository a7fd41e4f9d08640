from fairfield.wordpress.richtext import convert, sanitise


def test_blank_line_separated_text_becomes_paragraphs_with_line_breaks():
    converted = convert("First line\nsecond line\n\nAnother paragraph")
    assert converted.blocks == [("paragraph", "<p>First line<br>\nsecond line</p><p>Another paragraph</p>")]


def test_scripts_event_handlers_and_javascript_links_are_stripped():
    html = sanitise('<script>alert(1)</script><p onclick="x()">Hi <a href="javascript:x()" target="_blank">x</a></p>')
    assert "script" not in html
    assert "alert" not in html
    assert "onclick" not in html
    assert "javascript" not in html
    assert "target" not in html


def test_headings_and_quotes_become_their_own_blocks_and_strong_becomes_bold():
    converted = convert(
        "<h2>Title</h2>\n\n<p><strong>bold</strong> and <em>it</em></p><blockquote><p>Said</p></blockquote>"
    )
    assert converted.blocks == [
        ("heading", "Title"),
        ("paragraph", "<p><b>bold</b> and <i>it</i></p>"),
        ("quote", "Said"),
    ]


def test_shortcodes_are_kept_as_text_and_counted_but_brackets_in_prose_are_not():
    converted = convert('[caption id="1"]A boat[/caption]\n\n[gallery ids="1,2"]\n\nA note [sic] in prose.')
    assert converted.shortcodes == 2
    assert '[gallery ids="1,2"]' in converted.blocks[0][1]
