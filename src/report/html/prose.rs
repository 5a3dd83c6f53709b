//! Markdown that other reports already write (the walk-away numbers of
//! `report.md`), turned into HTML for `report.html`, so its sentences are
//! written once. Only plain structure passes: raw HTML becomes escaped text
//! and links and images keep their words but lose their targets, so nothing
//! in the text can load or point anywhere.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, html};

/// `markdown` as HTML, every headline one level down by `shift` (the
/// report's own `h1` is the scenario's name).
pub fn to_html(markdown: &str, shift: u8) -> String {
    let events = Parser::new_ext(markdown, Options::ENABLE_TABLES).filter_map(|e| match e {
        Event::Html(t) | Event::InlineHtml(t) => Some(Event::Text(t)),
        Event::Start(Tag::Link { .. } | Tag::Image { .. })
        | Event::End(TagEnd::Link | TagEnd::Image) => None,
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs,
        }) => Some(Event::Start(Tag::Heading {
            level: lower(level, shift),
            id,
            classes,
            attrs,
        })),
        Event::End(TagEnd::Heading(level)) => {
            Some(Event::End(TagEnd::Heading(lower(level, shift))))
        }
        other => Some(other),
    });
    let mut out = String::new();
    html::push_html(&mut out, events);
    out
}

fn lower(level: pulldown_cmark::HeadingLevel, shift: u8) -> pulldown_cmark::HeadingLevel {
    use pulldown_cmark::HeadingLevel::*;
    let n = (level as u8).saturating_add(shift).min(6);
    [H1, H2, H3, H4, H5, H6][usize::from(n.max(1)) - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_passes_and_markup_in_the_text_does_not() {
        let html = to_html(
            "## Numbers\n\n- **Sign from USD 1 ± 2.** `--flag`\n\n| a | b |\n|---|---:|\n| 1 | 2 |\n",
            1,
        );
        assert!(html.contains("<h3>Numbers</h3>"), "{html}");
        assert!(
            html.contains("<li><strong>Sign from USD 1 ± 2.</strong> <code>--flag</code></li>"),
            "{html}"
        );
        assert!(
            html.contains("<table>") && html.contains("<td style=\"text-align: right\">2</td>"),
            "{html}"
        );
        let hostile = to_html(
            "<script>alert(1)</script>\n\nx <img src=x onerror=alert(1)> [here](https://evil.example/a) ![i](http://evil.example/i.png)\n",
            0,
        );
        assert!(
            !hostile.contains("<script") && !hostile.contains("<img"),
            "{hostile}"
        );
        assert!(
            hostile.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{hostile}"
        );
        assert!(!hostile.contains("evil.example"), "{hostile}");
        assert!(hostile.contains("here"), "{hostile}");
    }
}
