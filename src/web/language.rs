//! The page's language: the one asked for (the dashboard's start, `config.json`, else the
//! admin's browser), and the German words of the page's own steps, fetched only when German
//! is asked for (`words-de-<hash>.json`, core/src/wizard/words/file.rs): linked into the module
//! they cost every English reader 5.2 KB gzip (README, "Download size").
//!
//! Until they are here, or if they cannot be fetched, the page speaks English (and says so in
//! its `lang`), and so does the registration worker it starts: never half one, half the other.

use std::cell::Cell;

use js_sys::{Array, Promise};
use leptos::prelude::*;
use registrar_core::wizard::Language;
use registrar_core::wizard::words::{
    EN_PAGE, GERMAN_PAGE_WORDS_FILE, GERMAN_PAGE_WORDS_INTEGRITY, PageWords,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, RequestCredentials, RequestInit};

use super::{fetch, global, page_url};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn warn(message: &str);
}

/// The admin's preferred languages, as the browser lists them (`navigator.languages`,
/// https://developer.mozilla.org/docs/Web/API/Navigator/languages).
fn browser_languages() -> Vec<String> {
    web_sys::window()
        .map(|w| w.navigator().languages())
        .map(|list| list.iter().filter_map(|tag| tag.as_string()).collect())
        .unwrap_or_default()
}

/// The language asked for: `tag` (a start's or `config.json`'s), else the browser's, else
/// English.
pub fn asked(tag: Option<&str>) -> Language {
    match tag {
        Some(tag) => Language::from_tag(tag).unwrap_or_default(),
        None => {
            let tags = browser_languages();
            Language::from_tags(&tags.iter().map(String::as_str).collect::<Vec<_>>())
        }
    }
}

/// The global `static/app-loader.js` leaves its request for the German words in.
const PREFETCHED: &str = "registrarGermanWords";

thread_local! {
    /// The German words, once fetched. Not an arena signal: that would belong to whichever
    /// owner (an effect) first touched it, and go when that owner runs again.
    static GERMAN: ArcRwSignal<Option<PageWords>> = ArcRwSignal::new(None);
    /// Whether they were asked for: once per page, whatever came of it.
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

/// The language the page speaks when `asked` is: German once its words are here. Tracked: the
/// page changes language when they come.
pub fn spoken(asked: Language) -> Language {
    match asked {
        Language::German if GERMAN.with(|words| words.with(Option::is_some)) => Language::German,
        _ => Language::English,
    }
}

/// The words of the page's own steps in `language` (as [`spoken`] gives it).
pub fn page_words(language: Language) -> PageWords {
    match language {
        Language::German => GERMAN
            .with(|words| words.get_untracked())
            .unwrap_or(EN_PAGE),
        Language::English => EN_PAGE,
    }
}

/// The German words fetched: from now on the page speaks German where it is asked to.
fn keep_german(words: PageWords) {
    GERMAN.with(|german| german.set(Some(words)));
}

/// The request for the German words `static/app-loader.js` sent beside `config.json` when the
/// browser prefers German (with the name and integrity `scripts/post-build.sh` wrote into
/// `index.html`, those of the same file), if it did.
pub fn prefetched_german() -> Option<Promise> {
    super::prefetched(PREFETCHED)
}

/// A request for the German words sent now. Taken from the browser's cache if it has this
/// build's file, else from the host. `AbortSignal.timeout`: every browser the page supports
/// (Chrome and Edge 103, Firefox 100, Safari 16).
fn fetch_german() -> Promise {
    let init = RequestInit::new();
    init.set_integrity(GERMAN_PAGE_WORDS_INTEGRITY);
    init.set_credentials(RequestCredentials::Omit);
    init.set_signal(Some(&AbortSignal::timeout_with_u32(fetch::TIMEOUT_MILLIS)));
    let url = page_url(GERMAN_PAGE_WORDS_FILE).unwrap_or_else(|| GERMAN_PAGE_WORDS_FILE.into());
    global::fetch_with_init(&url, &init)
}

/// How long the first screen waits for German words asked for beside it: they come with
/// `config.json` (or one round trip after it, 0.6 s on a slow line); a host that does not answer
/// must not keep the page from starting. After that the page starts in English and changes to
/// German when they come.
const FIRST_SCREEN_WAITS_MILLIS: i32 = 2_000;

/// For the first screen: the German words `fetching` brings (or a request sent now), read, body
/// and all, within [`FIRST_SCREEN_WAITS_MILLIS`], else in the background.
pub async fn await_german(fetching: Option<Promise>) {
    let mut fetching = Some(fetching.unwrap_or_else(fetch_german));
    let read = Promise::new(&mut |done, _| {
        let fetching = fetching.take();
        leptos::task::spawn_local(async move {
            load_german(fetching).await;
            let _ = done.call0(&JsValue::UNDEFINED);
        });
    });
    let late = Promise::new(&mut |in_time, _| {
        let _ = global::set_timeout(&in_time, FIRST_SCREEN_WAITS_MILLIS);
    });
    let _ = JsFuture::from(Promise::race(&Array::of2(&read, &late))).await;
}

/// Fetches the German words in the background, unless they were asked for already.
pub fn ask_german() {
    if !ASKED.with(Cell::get) {
        leptos::task::spawn_local(load_german(None));
    }
}

/// Reads the German words `fetching` brings (or fetches them now), the first time it is called.
/// Words that do not come (offline, a host without the file, a file of another release, which
/// its integrity refuses) leave the page in English, and the console says why.
async fn load_german(fetching: Option<Promise>) {
    if ASKED.with(|asked| asked.replace(true)) {
        return;
    }
    let answer = fetch::read(fetching.unwrap_or_else(fetch_german).into()).await;
    match answer.map(|answer| (answer.status, PageWords::from_json(&answer.body))) {
        Ok((200, Some(words))) => keep_german(words),
        Ok((status, _)) => warn(&format!(
            "{GERMAN_PAGE_WORDS_FILE}: HTTP {status}, not this build's German words: the page speaks English"
        )),
        Err(why) => warn(&format!(
            "{GERMAN_PAGE_WORDS_FILE} could not be fetched ({}): the page speaks English",
            why.0
        )),
    }
}
