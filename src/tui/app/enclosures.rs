//! The enclosure keys: open or copy a download's URL (http and https
//! only). An article with several downloads (an episode and its
//! transcript, two sizes of a video) asks which, by the number the reader
//! shows beside each, as the saved-view prompt does.

use super::{App, Effect, Prompt, is_web};
use crate::text::sanitize_line;

/// Characters of a download's file name shown in the prompt.
const NAME_CHARS: usize = 24;

impl App {
    /// `open_enclosure` (`copy` false) and `copy_enclosure` (`copy` true).
    pub(super) fn enclosure(&mut self, copy: bool) -> Vec<Effect> {
        let urls = self
            .doc()
            .map(|d| d.enclosure_urls.clone())
            .unwrap_or_default();
        let mut single = urls.iter().cloned();
        match (single.next(), urls.len()) {
            (None, _) => {
                self.status.error("this article has no enclosure");
                Vec::new()
            }
            (Some(url), 1) => self.use_enclosure(copy, url),
            _ => {
                self.prompt = Some(Prompt::Enclosure {
                    copy,
                    urls,
                    input: String::new(),
                });
                Vec::new()
            }
        }
    }

    /// The answer to "which enclosure?": its number; empty is the first.
    pub(super) fn choose_enclosure(
        &mut self,
        copy: bool,
        urls: Vec<String>,
        choice: &str,
    ) -> Vec<Effect> {
        let count = urls.len();
        let index = match choice {
            "" => Some(0),
            n => n.parse::<usize>().ok().and_then(|n| n.checked_sub(1)),
        };
        match index.and_then(|i| urls.into_iter().nth(i)) {
            Some(url) => self.use_enclosure(copy, url),
            None => {
                self.status.error(format!(
                    "no enclosure `{}`: type 1 to {count}",
                    sanitize_line(choice)
                ));
                Vec::new()
            }
        }
    }

    fn use_enclosure(&mut self, copy: bool, url: String) -> Vec<Effect> {
        if !copy {
            return self.open(Some(url));
        }
        if is_web(&url) {
            self.status.say("enclosure URL copied");
            vec![Effect::Copy(url)]
        } else {
            self.status
                .error("not copying: only http and https enclosures are copied");
            Vec::new()
        }
    }
}

/// The choices as the prompt lists them: "1 ep7.mp3, 2 ep7.vtt".
pub(super) fn choices(urls: &[String]) -> String {
    urls.iter()
        .enumerate()
        .map(|(i, url)| format!("{} {}", i + 1, file_name(url)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A URL's last path segment (its host when it has none), on one line
/// and short.
fn file_name(url: &str) -> String {
    let parsed = url::Url::parse(url).ok();
    let segment = parsed
        .as_ref()
        .and_then(|u| u.path_segments()?.rev().find(|s| !s.is_empty()))
        .or_else(|| parsed.as_ref().and_then(|u| u.host_str()))
        .unwrap_or(url);
    let name = sanitize_line(segment);
    match name.char_indices().nth(NAME_CHARS) {
        Some((cut, _)) => format!("{}…", &name[..cut]),
        None => name,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_name_each_file_shortly() {
        let urls = [
            "https://pod.test/2026/ep7.mp3?src=rss".to_owned(),
            "https://pod.test/ep7/".to_owned(),
            "https://pod.test".to_owned(),
            format!("https://pod.test/{}.vtt", "a".repeat(40)),
            "not a url \u{1b}[31m".to_owned(),
        ];
        assert_eq!(
            choices(&urls),
            format!(
                "1 ep7.mp3, 2 ep7, 3 pod.test, 4 {}…, 5 not a url",
                "a".repeat(24)
            )
        );
    }
}
