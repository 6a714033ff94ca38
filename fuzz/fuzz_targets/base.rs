//! Any bytes given as a base file, to open and to restore: never a panic, and a file
//! refused is left byte for byte as it was, with nothing created beside it.

#![no_main]

use std::path::PathBuf;

use ateliers::store::Store;
use libfuzzer_sys::fuzz_target;

/// A new, empty Ateliers base as bytes, made once.
fn new_base() -> &'static [u8] {
    static BASE: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let dir = folder();
        Store::open(dir.join("modele.sqlite3")).expect("a new base").backup_to(&dir.join("copie.sqlite3")).expect("copied");
        std::fs::read(dir.join("copie.sqlite3")).expect("read")
    })
}

/// A folder of this process's own, emptied for each input (`TMPDIR=/dev/shm` keeps the
/// base's flushes to the disk out of the way).
fn folder() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ateliers-fuzz-base-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}

fuzz_target!(|bytes: &[u8]| {
    let base = new_base();
    let dir = folder();
    let file = dir.join("ateliers.sqlite3");
    std::fs::write(&file, bytes).expect("written");
    if Store::open(&file).is_err() {
        assert_eq!(std::fs::read(&file).expect("still there"), bytes, "a refused file is untouched");
        assert_eq!(std::fs::read_dir(&dir).expect("the folder").count(), 1, "nothing created beside it");
    }
    std::fs::write(dir.join("ouverte.sqlite3"), base).expect("written");
    let mut ours = Store::open(dir.join("ouverte.sqlite3")).expect("our base");
    let before = ours.contents().expect("its contents");
    let source = dir.join("source.sqlite3");
    std::fs::write(&source, bytes).expect("written");
    if ours.restore_from(&source).is_err() {
        assert_eq!(ours.contents().expect("its contents"), before, "a refused restore changes nothing");
    }
    assert_eq!(std::fs::read(&source).expect("still there"), bytes, "a restore only reads its source");
});
