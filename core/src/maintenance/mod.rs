//! Looking after an app this product made, after the first registration: check it against a
//! profile (and repair it with the registration engine), rotate its credentials, disconnect it.
