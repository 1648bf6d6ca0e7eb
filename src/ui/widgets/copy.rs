//! Copy buttons, for the admin who pastes the result into the backup product by hand.
//!
//! One click handler for a whole screen: a button `<button data-copy-of="ID">` copies the value
//! (an input's `value`, else the text) of the element `ID`, and then says on itself whether it
//! worked. No signal and no component per button: each costs download size.

use leptos::ev::MouseEvent;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

/// The click handler to put on the element that holds the copy buttons.
pub fn copy_on_click(event: MouseEvent) {
    let button = event
        .target()
        .and_then(|target| target.dyn_into::<Element>().ok());
    let Some(button) = button else { return };
    let Some(source) = button.get_attribute("data-copy-of") else {
        return;
    };
    let value = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|document| document.get_element_by_id(&source))
        .and_then(|element| {
            element
                .get_attribute("value")
                .or_else(|| element.text_content())
        });
    if let Some(value) = value {
        copy(&value, button, "Copied");
    }
}

/// Copies `value`, then says on `button` whether it worked (`done` if it did).
pub fn copy(value: &str, button: Element, done: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(value);
    spawn_local(async move {
        // Where the browser refuses (an iframe without `allow="clipboard-write"`, an insecure
        // page), the admin copies by hand.
        button.set_text_content(Some(match JsFuture::from(promise).await {
            Ok(_) => done,
            Err(_) => "Blocked: select it and press Ctrl+C",
        }));
    });
}
