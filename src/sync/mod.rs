//! Sync with a feed server (network-shell layer).
