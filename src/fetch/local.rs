//! `file://` feeds: regular files only (a named pipe would block the read
//! forever, a device never ends), read from disk with the same size cap and
//! timeout as the web; the file's modification time plays the part of
//! Last-Modified, so an unchanged file costs no parsing either.

use std::io::Read;
use std::path::Path;

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
        // Looked at before opening: opening a named pipe blocks.
        let meta = std::fs::metadata(&path).map_err(io)?;
        refuse_unless_regular(&path, &meta)?;
        let file = std::fs::File::open(&path).map_err(io)?;
        let meta = file.metadata().map_err(io)?;
        refuse_unless_regular(&path, &meta)?;
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

/// Why a local path that exists cannot be a feed, if it cannot: only
/// regular files are read. A path that does not exist (yet) is no reason.
pub fn refusal(path: &Path) -> Option<FetchError> {
    let meta = std::fs::metadata(path).ok()?;
    refuse_unless_regular(path, &meta).err()
}

fn refuse_unless_regular(path: &Path, meta: &std::fs::Metadata) -> Result<(), FetchError> {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    let what = if kind.is_file() {
        return Ok(());
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else if kind.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    Err(FetchError::Io(format!(
        "{} is {what}; only regular files are read as feeds",
        super::shown(&path.display().to_string())
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_pass() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("f.xml");
        std::fs::write(&file, "<rss/>").unwrap();
        assert!(refusal(&file).is_none());
        assert!(refusal(&dir.path().join("missing.xml")).is_none());
        let said = |p: &Path| refusal(p).map(|e| e.to_string()).unwrap_or_default();
        assert!(said(dir.path()).contains("is a directory"));
        assert!(said(Path::new("/dev/zero")).contains("is a device"));
    }
}
