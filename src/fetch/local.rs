//! `file://` feeds: read from disk with the same size cap; the file's
//! modification time plays the part of Last-Modified, so an unchanged file
//! costs no parsing either.

use std::io::Read;

use url::Url;

use super::{FetchError, Fetched, Validators};

pub async fn read(
    url: &Url,
    validators: &Validators,
    max_bytes: u64,
) -> Result<Fetched, FetchError> {
    let path = url
        .to_file_path()
        .map_err(|()| FetchError::Scheme(url.to_string()))?;
    let url_text = url.to_string();
    let previous = validators.last_modified.clone();
    let task = tokio::task::spawn_blocking(move || -> Result<Fetched, FetchError> {
        let io = |e: std::io::Error| FetchError::Io(format!("cannot read {}: {e}", path.display()));
        let file = std::fs::File::open(&path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        if meta.is_dir() {
            return Err(FetchError::Io(format!(
                "{} is a directory, not a feed",
                path.display()
            )));
        }
        let stamp = meta
            .modified()
            .ok()
            .map(|t| format!("{}:{}", httpdate::fmt_http_date(t), meta.len()));
        let validators = Validators {
            etag: None,
            last_modified: stamp.clone(),
        };
        if stamp.is_some() && stamp == previous {
            return Ok(Fetched {
                body: None,
                content_type: None,
                validators,
                moved_to: None,
                fresh_for: None,
                final_url: url_text,
            });
        }
        let mut body = Vec::new();
        file.take(max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(io)?;
        if body.len() as u64 > max_bytes {
            return Err(FetchError::TooLarge(max_bytes));
        }
        Ok(Fetched {
            body: Some(body),
            content_type: None,
            validators,
            moved_to: None,
            fresh_for: None,
            final_url: url_text,
        })
    });
    task.await
        .map_err(|e| FetchError::Io(format!("reading a file feed failed: {e}")))?
}
