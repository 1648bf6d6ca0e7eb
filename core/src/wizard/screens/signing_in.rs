//! The page's own steps around the Microsoft window: waiting for it, checking its answer, and a
//! failed sign-in said on the welcome screen with the ways on.

use crate::wizard::view::parts::{actions, button, muted, p, secondary};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::PageWords;

/// The Microsoft window is open. `foreign`: an answer for another sign-in arrived and was
/// ignored, said.
pub fn waiting(words: PageWords, foreign: bool) -> Screen {
    let w = words.sign_in;
    let mut screen =
        Screen::new("sign-in", words.steps.signing_in).with(p(w.waiting).id("sign-in-waiting"));
    if foreign {
        screen.push(
            p(w.foreign)
                .id("sign-in-foreign")
                .class("refusal")
                .attr("role", "status"),
        );
    }
    screen.with(actions([
        button("sign-in-restart", "restart", w.restart),
        secondary("sign-in-cancel", "cancel", w.cancel),
    ]))
}

/// The answer is back: the worker redeems it and reads who signed in. `note`: why that waits
/// (Graph throttled it), when it does.
pub fn checking(words: PageWords, note: Option<&str>) -> Screen {
    let mut screen = Screen::new("checking", words.steps.checking)
        .with(p(words.sign_in.checking).id("sign-in-checking"));
    if let Some(note) = note {
        screen.push(
            muted(note)
                .id("sign-in-checking-wait")
                .attr("role", "status"),
        );
    }
    screen
}

/// Why the last sign-in failed, first on the welcome screen: the message, and the ways on
/// (this tab instead of a blocked window, when the page may leave; sign in again).
pub fn sign_in_failed(
    words: PageWords,
    message: &str,
    popup_blocked: bool,
    offer_this_tab: bool,
) -> Node {
    let w = words.sign_in;
    let mut card = Node::element(Tag::Div)
        .id("sign-in-error")
        .class("card error")
        .attr("role", "alert")
        .attr("tabindex", "-1")
        .child(p(message).class("message"));
    if popup_blocked {
        card = card.child(p(w.popup_hint));
    }
    let mut buttons = Vec::new();
    if offer_this_tab {
        buttons.push(secondary("sign-in-here", "sign-in-here", w.sign_in_here));
    }
    buttons.push(button("sign-in-retry", "retry", w.retry));
    card.child(actions(buttons))
}
