//! Files the admin downloads (the certificate's `.pfx`), as `blob:` URLs: the bytes stay in
//! this tab's memory, never in a URL, and the URL is revoked when the page no longer shows it.

use web_sys::{Blob, BlobPropertyBag, Url};

/// A `blob:` URL for `bytes` of type `mime`; revoke it with [`revoke`].
pub fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}

/// Forgets a URL made by [`object_url`]: its bytes can be freed.
pub fn revoke(url: &str) {
    let _ = Url::revoke_object_url(url);
}
