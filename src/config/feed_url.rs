//! Which addresses sift subscribes to: http, https and file URLs, and local
//! paths (turned into file URLs). Everything else is refused, because other
//! readers' special schemes (`exec:`, `filter:`) hand feed text to a shell.

use std::path::Path;

use url::Url;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FeedUrlError {
    #[error(
        "refused `{url}`: sift only subscribes to http, https and file URLs or local paths, \
         not `{scheme}:`{why}"
    )]
    Scheme {
        url: String,
        scheme: String,
        why: &'static str,
    },
    #[error("`{url}` is not a valid URL: {reason}")]
    Invalid { url: String, reason: String },
    #[error("`{0}` has no scheme and is not an existing file; did you mean `https://{0}`?")]
    NoScheme(String),
    #[error("an empty line is not a feed address")]
    Empty,
}

/// Validates and normalises a feed address given by the user. `base` is the
/// directory relative paths are resolved against.
pub fn normalize(input: &str, base: &Path) -> Result<String, FeedUrlError> {
    let input = input.trim();
    if input.is_empty() {
        return Err(FeedUrlError::Empty);
    }
    if input.chars().any(char::is_control) {
        return Err(FeedUrlError::Invalid {
            url: input.escape_default().to_string(),
            reason: "it contains control characters".into(),
        });
    }
    match scheme_of(input) {
        Some(scheme) => {
            let lower = scheme.to_ascii_lowercase();
            if !matches!(lower.as_str(), "http" | "https" | "file") {
                let why = match lower.as_str() {
                    "exec" | "filter" => " (newsboat runs those through a shell; sift never does)",
                    "javascript" | "data" => " (that is not a place a feed can live)",
                    "query" => " (use a saved view in the interface instead)",
                    _ => "",
                };
                return Err(FeedUrlError::Scheme {
                    url: input.into(),
                    scheme: scheme.into(),
                    why,
                });
            }
            let url = Url::parse(input).map_err(|e| FeedUrlError::Invalid {
                url: input.into(),
                reason: e.to_string(),
            })?;
            if lower != "file" && url.host_str().is_none_or(str::is_empty) {
                return Err(FeedUrlError::Invalid {
                    url: input.into(),
                    reason: "it has no host".into(),
                });
            }
            Ok(url.to_string())
        }
        None => local_path_url(input, base),
    }
}

/// The scheme of `input` when it has one (`name:` before any `/`). A
/// Windows drive letter (`C:\`) is not a scheme.
fn scheme_of(input: &str) -> Option<&str> {
    let colon = input.find(':')?;
    let scheme = &input[..colon];
    let valid = scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then_some(scheme)
}

fn local_path_url(input: &str, base: &Path) -> Result<String, FeedUrlError> {
    let path = Path::new(input);
    let looks_like_path =
        input.starts_with(['/', '.', '~']) || path.exists() || base.join(path).exists();
    if !looks_like_path {
        return Err(FeedUrlError::NoScheme(input.into()));
    }
    let expanded = match input.strip_prefix("~/") {
        Some(rest) => directories::BaseDirs::new()
            .map(|d| d.home_dir().join(rest))
            .unwrap_or_else(|| path.to_path_buf()),
        None => path.to_path_buf(),
    };
    let absolute = if expanded.is_absolute() {
        expanded
    } else {
        base.join(expanded)
    };
    let absolute = absolute.canonicalize().unwrap_or(absolute);
    Url::from_file_path(&absolute)
        .map(|u| u.to_string())
        .map_err(|()| FeedUrlError::Invalid {
            url: input.into(),
            reason: "not an absolute path".into(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> Result<String, FeedUrlError> {
        normalize(s, Path::new("/"))
    }

    #[test]
    fn web_urls_are_kept_and_normalised() {
        assert_eq!(
            norm(" https://Example.com/feed ").unwrap(),
            "https://example.com/feed"
        );
        assert_eq!(norm("http://example.com").unwrap(), "http://example.com/");
    }

    #[test]
    fn dangerous_and_foreign_schemes_are_refused() {
        for bad in [
            "exec:rm -rf ~",
            "filter:/bin/sh:http://x",
            "javascript:alert(1)",
            "query:x:unread",
            "ftp://x/f",
            "data:text/xml,<rss/>",
        ] {
            let e = norm(bad).unwrap_err();
            assert!(matches!(e, FeedUrlError::Scheme { .. }), "{bad}: {e}");
            assert!(
                e.to_string()
                    .contains("only subscribes to http, https and file"),
                "{e}"
            );
        }
        assert!(norm("exec:ls").unwrap_err().to_string().contains("shell"));
    }

    #[test]
    fn bare_hosts_get_a_suggestion() {
        let e = norm("example.com/feed").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`example.com/feed` has no scheme and is not an existing file; did you mean `https://example.com/feed`?"
        );
    }

    #[test]
    fn local_paths_become_file_urls() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("f.xml"), "<rss/>").unwrap();
        let url = normalize("f.xml", dir.path()).unwrap();
        assert!(
            url.starts_with("file:///") && url.ends_with("/f.xml"),
            "{url}"
        );
        assert!(
            norm("file:///tmp/x.xml")
                .unwrap()
                .starts_with("file:///tmp/x.xml")
        );
    }

    #[test]
    fn hostless_and_control_characters_are_invalid() {
        assert!(matches!(norm("http://"), Err(FeedUrlError::Invalid { .. })));
        assert!(matches!(
            norm("https://a.com/\u{1b}[2J"),
            Err(FeedUrlError::Invalid { .. })
        ));
    }
}
