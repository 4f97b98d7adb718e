//! PLACEHOLDER until the feed branch lands (it brings the real module).
use std::borrow::Cow;
pub fn sanitize_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
pub fn decode_html_only_entities(s: &str) -> Cow<'_, str> {
    Cow::Owned(s.replace("&eacute;", "é"))
}
