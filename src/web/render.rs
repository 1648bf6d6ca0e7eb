//! Turns a core [`Screen`] into DOM: elements by `createElement`, words by text nodes only, so a
//! name from the tenant can never become markup. The tags, attributes and links were checked by
//! the core when the screen was read (`registrar_core::wizard::view`).

use registrar_core::wizard::{Node, Screen};
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlElement};

/// Replaces `into`'s content with `screen`. When the step changed, the screen's heading takes
/// the focus (screen readers read the new step) and the document's title follows; when the
/// same step was updated (progress), the focused control keeps the focus.
pub fn render(screen: &Screen, into: &Element, app_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let same_step = into.get_attribute("data-step").as_deref() == Some(screen.step.as_str());
    // A failure said on the same step (the welcome's) takes the focus too.
    let had_alert = into.query_selector("[role=alert]").ok().flatten().is_some();
    let focused_element = document
        .active_element()
        .filter(|element| into.contains(Some(element)));
    let focused_inside = focused_element.is_some();
    let focused = focused_element
        .map(|element| element.id())
        .filter(|id| !id.is_empty());

    let section = document.create_element("section").ok();
    let heading = document.create_element("h1").ok();
    let (Some(section), Some(heading)) = (section, heading) else {
        return;
    };
    let _ = section.set_attribute("class", "screen");
    let _ = section.set_attribute("id", &screen.step);
    let _ = heading.set_attribute("tabindex", "-1");
    let _ = heading.set_attribute("id", "screen-title");
    heading.set_text_content(Some(&screen.title));
    let _ = section.append_child(&heading);
    for node in &screen.body {
        append(&document, &section, node);
    }
    into.set_text_content(None);
    let _ = into.set_attribute("data-step", &screen.step);
    let _ = into.append_child(&section);

    announce(&document, into);
    let alert = into.query_selector("[role=alert]").ok().flatten();
    match alert {
        Some(alert) if !same_step || !had_alert => focus(&alert),
        _ if !same_step => focus(&heading),
        // The same step, updated: the focused control keeps the focus; if it is gone (the
        // secret's row after the hand-off), the heading takes it rather than the page body.
        _ => match focused.and_then(|id| document.get_element_by_id(&id)) {
            Some(element) => focus(&element),
            None if focused_inside => focus(&heading),
            None => {}
        },
    }
    // Also on the same step: a new language changes the title.
    let title = [screen.title.as_str(), " – ", app_name].concat();
    if document.title() != title {
        document.set_title(&title);
    }
}

/// Says the part marked `data-announce` in the page's live region (`#announce`, which stays in
/// the page while screens come and go, so screen readers hear each change once).
fn announce(document: &Document, screen: &Element) {
    let said = screen
        .query_selector("[data-announce]")
        .ok()
        .flatten()
        .and_then(|element| element.text_content());
    if let (Some(said), Some(region)) = (said, document.get_element_by_id("announce"))
        && region.text_content().as_deref() != Some(said.as_str())
    {
        region.set_text_content(Some(&said));
    }
}

fn focus(element: &Element) {
    if let Some(element) = element.dyn_ref::<HtmlElement>() {
        let _ = element.focus();
    }
}

fn append(document: &Document, parent: &Element, node: &Node) {
    match node {
        Node::Text(text) => {
            let _ = parent.append_child(&document.create_text_node(text));
        }
        Node::Element {
            tag,
            attributes,
            children,
        } => {
            let Ok(element) = document.create_element(tag.name()) else {
                return;
            };
            for (name, value) in attributes {
                let _ = element.set_attribute(name, value);
            }
            for child in children {
                append(document, &element, child);
            }
            let _ = parent.append_child(&element);
        }
    }
}
