//! `uniffi-bindgen`, pinned to the uniffi version of `ecole-numerique-kotlin`.
//!
//! ```text
//! cargo run -p uniffi-bindgen -- generate target/release/libecole_numerique_uniffi.so \
//!     --language kotlin --out-dir bindings-kotlin/generated/kotlin --no-format
//! ```

fn main() {
    uniffi::uniffi_bindgen_main()
}
