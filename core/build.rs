//! Compresses the bundled fonts (`assets/fonts/`) into the build folder: the binaries carry
//! them deflated, half their size, and `pdf::fonts` inflates them once, when a document is
//! first measured or printed (issue 20).

use std::io::Write;
use std::path::{Path, PathBuf};

/// The fonts, as `pdf::fonts` includes them (`NAME.ttf.z` in `OUT_DIR`).
const FONTS: [&str; 4] =
    ["LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationSans-Italic.ttf", "DejaVuSans.ttf"];

fn main() {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/fonts");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR"));
    for name in FONTS {
        let source = fonts.join(name);
        println!("cargo:rerun-if-changed={}", source.display());
        let bytes = std::fs::read(&source).unwrap_or_else(|e| panic!("{}: {e}", source.display()));
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&bytes).expect("compression en mémoire");
        let compressed = encoder.finish().expect("compression en mémoire");
        let target = out.join(format!("{name}.z"));
        std::fs::write(&target, compressed).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}
