//! The charts' font cut down to the characters one page shows, so a page
//! embeds a few kilobytes of DejaVu Sans rather than all of it (about 1 MB
//! in base64). The cut is made by `skera`, the font subsetter of Google's
//! fontations (a port of HarfBuzz's), which keeps the outlines, metrics,
//! kerning and hinting of every glyph it keeps, so the text draws as with
//! the whole font.

use std::collections::BTreeSet;

use read_fonts::FontRef;
use read_fonts::collections::IntSet;
use read_fonts::types::{NameId, Tag};
use skera::{DEFAULT_LAYOUT_FEATURES, Plan, SubsetFlags, subset_font};

/// The characters a page may draw: those of its text (markup included, and
/// character references decoded), their upper and lower case (CSS may
/// transform the case), and printable ASCII whatever the page holds.
pub fn characters(page: &str) -> BTreeSet<char> {
    let mut chars: BTreeSet<char> = (' '..='~').collect();
    let mut add = |c: char| {
        chars.insert(c);
        chars.extend(c.to_uppercase());
        chars.extend(c.to_lowercase());
    };
    page.chars().for_each(&mut add);
    references(page).into_iter().for_each(add);
    chars
}

/// The characters that numeric character references (`&#177;`, `&#xB1;`)
/// in `page` stand for.
fn references(page: &str) -> Vec<char> {
    page.split("&#")
        .skip(1)
        .filter_map(|rest| {
            let body = &rest[..rest.find(';')?];
            let code = match body.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => body.parse().ok()?,
            };
            char::from_u32(code)
        })
        .collect()
}

/// `font` (a TrueType file) with only the glyphs of `chars` (and those its
/// layout rules reach from them), or `None` when it cannot be cut.
pub fn subset(font: &[u8], chars: &BTreeSet<char>) -> Option<Vec<u8>> {
    let face = FontRef::new(font).ok()?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| u32::from(c)).collect();
    // HarfBuzz's defaults: every script, the default layout features, the
    // name records a browser reads, in English.
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let mut names = IntSet::<NameId>::empty();
    names.insert_range(NameId::from(0)..=NameId::from(6));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let plan = Plan::new(
        &IntSet::empty(),
        &unicodes,
        &face,
        SubsetFlags::SUBSET_FLAGS_DEFAULT,
        &IntSet::empty(),
        &scripts,
        &features,
        &names,
        &languages,
    );
    subset_font(&face, &plan).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_case_are_covered() {
        let c = characters("<p>&#177; &#x2212; ß é</p>");
        for ch in ['±', '−', 'ß', 'é', 'É', 'a', 'Z', '~'] {
            assert!(c.contains(&ch), "{ch}");
        }
        assert!(!c.contains(&'ж'));
        assert!(references("&#; &#xZZ; &#12").is_empty());
    }
}
