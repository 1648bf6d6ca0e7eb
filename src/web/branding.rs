//! The vendor's look on the whole page, set on the document itself: the `--accent` colour the
//! stylesheet uses, the `lang` attribute, and the logo above the steps. Plain DOM rather than a
//! reactive view: one function that the shell's one effect calls (download size).

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;

pub fn apply(accent: Option<&str>, logo: Option<&str>, language: &str, app_name: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("lang", language);
        if let (Some(root), Some(accent)) = (root.dyn_ref::<HtmlElement>(), accent) {
            let _ = root.style().set_property("--accent", accent);
        }
    }
    let Some(logo) = logo else { return };
    let shown = document.get_element_by_id("brand-logo").or_else(|| {
        let main = document.query_selector("main").ok().flatten()?;
        let image = document.create_element("img").ok()?;
        let _ = image.set_attribute("id", "brand-logo");
        let _ = image.set_attribute("height", "40");
        let _ = main.prepend_with_node_1(&image);
        Some(image)
    });
    if let Some(image) = shown {
        let _ = image.set_attribute("src", logo);
        let _ = image.set_attribute("alt", app_name);
    }
}
