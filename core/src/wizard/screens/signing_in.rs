//! The page's own steps around the Microsoft window: waiting for it, checking its answer, and a
//! failed sign-in said on the welcome screen with the ways on.

use crate::wizard::view::parts::{actions, button, link, muted, p, secondary};
use crate::wizard::view::{Node, Screen, Tag};
use crate::wizard::words::PageWords;

/// The Microsoft window is open, or, when the browser blocked it (`blocked_sign_in`: the
/// sign-in's address), the page offers it as a link that opens a new tab: a link the admin
/// clicks is a navigation, which popup blockers let through, and this page keeps waiting with
/// the sign-in in memory (nothing to store, unlike sending this tab to Microsoft). `foreign`:
/// an answer for another sign-in arrived and was ignored, said.
pub fn waiting(words: PageWords, foreign: bool, blocked_sign_in: Option<&str>) -> Screen {
    let w = words.sign_in;
    let mut screen = Screen::new("sign-in", words.steps.signing_in);
    match blocked_sign_in {
        Some(address) => screen.push(
            Node::element(Tag::Div)
                .id("sign-in-blocked")
                .class("card refusal")
                .attr("role", "alert")
                .child(p(w.blocked_new_tab).class("message"))
                .child(Node::element(Tag::P).child(link("sign-in-new-tab", address, w.new_tab))),
        ),
        None => screen.push(p(w.waiting).id("sign-in-waiting")),
    }
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

/// Why the last sign-in failed, first on the welcome screen: the message, and the way on (sign
/// in again).
pub fn sign_in_failed(words: PageWords, message: &str, popup_blocked: bool) -> Node {
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
    card.child(actions([button("sign-in-retry", "retry", w.retry)]))
}
