//! The boundary a panic does not cross: work on one post (reading its front matter, extracting
//! its talks, working out its people) runs inside [`catch`], so that a bug met by one post is
//! reported against that post while every other post is indexed and served as usual.
//!
//! A caught panic is not printed by the default hook (the caller logs it, naming the post); the
//! hook installed here notes where it happened instead, so the report can say so. Panics outside
//! a boundary reach the hook that was there before, unchanged.

use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

/// A panic caught at a boundary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Panicked {
    /// The panic's message, and where in the code it was raised when that is known.
    pub message: String,
}

impl std::fmt::Display for Panicked {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

thread_local! {
    /// How many boundaries this thread is inside.
    static DEPTH: Cell<usize> = const { Cell::new(0) };
    /// Where the last panic inside a boundary was raised.
    static LOCATION: RefCell<Option<String>> = const { RefCell::new(None) };
}

static HOOK: Once = Once::new();

/// Runs `work`, turning a panic into [`Panicked`]. The work is assumed not to leave shared
/// state half-changed: callers give it their own inputs and drop its partial output.
pub fn catch<T>(work: impl FnOnce() -> T) -> Result<T, Panicked> {
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
    let result = panic::catch_unwind(AssertUnwindSafe(work));
    DEPTH.with(|d| d.set(d.get() - 1));
    result.map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_string());
        let message = match LOCATION.with(|l| l.borrow_mut().take()) {
            Some(at) => format!("{what} (at {at})"),
            None => what,
        };
        Panicked { message }
    })
}

/// Puts a hook in front of the current one that, inside a boundary, only notes where the
/// panic was raised. Done once, on the first [`catch`].
fn install_hook() {
    HOOK.call_once(|| {
        let before = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if DEPTH.with(Cell::get) > 0 {
                let at = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
                LOCATION.with(|l| *l.borrow_mut() = at);
            } else {
                before(info);
            }
        }));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message_and_place() {
        let text = "abc";
        let at = text.len() + 1;
        let caught = catch(|| text[at..].len()).unwrap_err();
        assert!(caught.message.contains("out of bounds"), "{caught}");
        assert!(caught.message.contains("src/guard.rs:"), "{caught}");
        let caught = catch(|| -> u8 { std::panic::panic_any(7_u32) }).unwrap_err();
        assert_eq!(caught.message.split(" (at").next(), Some("a panic without a message"));
        assert_eq!(catch(|| 2 + 2), Ok(4));
    }

    #[test]
    fn boundaries_nest() {
        let outer = catch(|| -> () {
            let inner = catch(|| panic!("inner"));
            assert!(inner.unwrap_err().message.starts_with("inner"));
            panic!("outer {}", 1)
        });
        let message = outer.unwrap_err().message;
        assert!(message.starts_with("outer 1"), "{message}");
    }
}
