//! sift: a terminal news reader that sifts promo and related-story noise out
//! of RSS, Atom and JSON feeds. The binary is a thin shell over this library.

pub mod feed;
pub mod model;
pub mod text;
