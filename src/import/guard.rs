//! calamine panics on some malformed workbooks (fuzzing found an xls whose
//! compound-file header makes its sector reader assert). A file from
//! outside must give a clear error, never stop kehu, so calls into it run
//! through `catching`. Panic hooks (the CLI's, the TUI's terminal restore,
//! a fuzzer's abort) ask `is_caught` and stay out of a panic caught here.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

thread_local! {
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`; a panic inside it comes back as `Err` with its message.
pub fn catching<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = CATCHING.replace(true);
    let result = catch_unwind(AssertUnwindSafe(f));
    CATCHING.set(outer);
    result.map_err(|panic| {
        panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "the reader stopped on malformed data".to_string())
    })
}

/// The panic now on this thread will be caught by `catching`: a hook
/// should neither print it nor act on it.
pub fn is_caught() -> bool {
    CATCHING.get()
}

/// Wraps the current panic hook so panics caught by `catching` stay silent
/// (the error they become is reported instead).
pub fn install_quiet_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !is_caught() {
            previous(info);
        }
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_its_message() {
        install_quiet_hook();
        assert_eq!(catching(|| 7), Ok(7));
        let caught = catching(|| -> u8 { panic!("sector size {} is odd", 3) });
        assert_eq!(caught, Err("sector size 3 is odd".to_string()));
        assert!(!is_caught(), "the flag is cleared after the call");
    }
}
