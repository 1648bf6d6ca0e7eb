//! The admin's preferred languages, as the browser lists them (`navigator.languages`,
//! https://developer.mozilla.org/docs/Web/API/Navigator/languages).

pub fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}
