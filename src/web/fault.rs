//! A fault in the page's own code (a Rust panic, which stops the module for good): said in the
//! page's place, in its language, and written to the console, so an admin is never left with
//! a page that silently stopped answering. Smaller than `console_error_panic_hook`, which only
//! wrote the console.

use registrar_core::wizard::Language;
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn error(message: &str);
}

/// From now on a panic stops the page as [`stop`] says.
pub fn say_panics() {
    std::panic::set_hook(Box::new(|info| {
        let body = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body());
        stop(&info.to_string(), body.as_deref());
    }));
}

/// What a fault does: ends the registration worker, which holds the admin's tokens (the stopped
/// page could never use or end it again; a run cut short is safe to run again), writes
/// `message` to the console and says in `place` (the page's body) that the page stopped.
pub fn stop(message: &str, place: Option<&Element>) {
    super::registration_worker::end_all();
    error(message);
    if let Some(place) = place {
        say_stopped(place);
    }
}

/// Replaces `place`'s content (the page's body) with what happened and what to do, in the
/// page's language (the `lang` the page set, `crate::web::branding`).
pub fn say_stopped(place: &Element) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let german = document
        .document_element()
        .and_then(|root| root.get_attribute("lang"))
        .is_some_and(|lang| lang.starts_with("de"));
    let language = if german {
        Language::German
    } else {
        Language::English
    };
    let words = super::language::page_words(language).common;
    let Ok(alert) = document.create_element("p") else {
        return;
    };
    alert.set_id("page-stopped");
    alert.set_class_name("card error");
    let _ = alert.set_attribute("role", "alert");
    alert.set_text_content(Some(words.page_stopped));
    place.set_text_content(None);
    let _ = place.append_child(&alert);
}
