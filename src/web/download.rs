//! Files the admin downloads (the certificate's `.pfx` and PEMs), as `blob:` URLs made in the
//! registration worker: the bytes stay in its memory, never in a URL, and the URLs end with it.

use web_sys::{Blob, BlobPropertyBag, Url};

/// A `blob:` URL for `bytes` of type `mime`.
pub fn object_url(bytes: &[u8], mime: &str) -> Option<String> {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes).into());
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_u8_array_sequence_and_options(&parts, &options).ok()?;
    Url::create_object_url_with_blob(&blob).ok()
}
