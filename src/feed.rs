//! STUB until the feed branch lands.
use crate::model::ParsedFeed;
#[derive(Debug, thiserror::Error)]
#[error("stub")]
pub struct FeedError;
pub fn parse_feed(_bytes: &[u8], _base: Option<&str>) -> Result<ParsedFeed, FeedError> {
    Err(FeedError)
}
