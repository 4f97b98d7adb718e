//! A panic caught inside a parser is handled, not a crash: the default
//! hook would still print its message, which quotes the input raw (escape
//! sequences and bidi controls straight to the terminal, over the
//! interface). `catch` runs a closure with this thread's panics silent;
//! every other panic goes to the hook that was there before.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();

/// `f()`, or `Err` when it panicked; the panic prints nothing.
pub(super) fn catch<R>(f: impl FnOnce() -> R) -> std::thread::Result<R> {
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.get() {
                previous(info);
            }
        }));
    });
    let outer = QUIET.replace(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.set(outer);
    result
}
