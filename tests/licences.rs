//! The list of every library compiled into the application, shown by « À propos »
//! (`src-tauri/licences.json`), is the one `cargo metadata` gives for the Linux build: the
//! desktop package's normal dependencies, followed through the lock file, less the
//! workspace's own crates and the procedural macros (which run at compile time and are not
//! shipped). After a change of dependencies, rewrite it with
//! `ATELIERS_WRITE_LICENCES=1 cargo test --test licences`.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

const LIST: &str = "src-tauri/licences.json";

/// Name, version and licence of every crate shipped, sorted by name then version.
fn shipped() -> Value {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO"))
        .current_dir(root)
        .args(["metadata", "--format-version", "1", "--locked"])
        .args(["--filter-platform", "x86_64-unknown-linux-gnu"])
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let packages: BTreeMap<&str, &Value> =
        metadata["packages"].as_array().unwrap().iter().map(|p| (p["id"].as_str().unwrap(), p)).collect();
    let members: BTreeSet<&str> =
        metadata["workspace_members"].as_array().unwrap().iter().map(|m| m.as_str().unwrap()).collect();
    let nodes: BTreeMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let desktop = packages
        .values()
        .find(|p| p["name"] == "ateliers-desktop")
        .map(|p| p["id"].as_str().unwrap())
        .expect("the desktop package");

    // Normal dependencies only: dev- and build-dependencies are not in the binary.
    let mut seen = BTreeSet::from([desktop]);
    let mut queue = VecDeque::from([desktop]);
    while let Some(id) = queue.pop_front() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let normal = dep["dep_kinds"].as_array().unwrap().iter().any(|k| k["kind"].is_null());
            let pkg = dep["pkg"].as_str().unwrap();
            if normal && seen.insert(pkg) {
                queue.push_back(pkg);
            }
        }
    }
    let proc_macro = |p: &Value| {
        p["targets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["kind"].as_array().unwrap().iter().any(|k| k == "proc-macro"))
    };
    let mut list: Vec<Value> = seen
        .into_iter()
        .filter(|id| !members.contains(id))
        .map(|id| packages[id])
        .filter(|p| !proc_macro(p))
        .map(|p| {
            json!({
                "name": p["name"],
                "version": p["version"],
                "licence": p["license"].as_str().unwrap_or("voir le fichier de licence du paquet"),
            })
        })
        .collect();
    list.sort_by(|a, b| {
        (a["name"].as_str(), a["version"].as_str()).cmp(&(b["name"].as_str(), b["version"].as_str()))
    });
    Value::Array(list)
}

#[test]
fn the_list_of_libraries_shown_in_a_propos_is_the_one_cargo_builds() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(LIST);
    let wanted = shipped();
    let text = serde_json::to_string_pretty(&wanted).unwrap() + "\n";
    if std::env::var_os("ATELIERS_WRITE_LICENCES").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let committed: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default()).unwrap_or(Value::Null);
    assert_eq!(
        committed, wanted,
        "{LIST} is not the list of libraries built: rewrite it with ATELIERS_WRITE_LICENCES=1 cargo test --test licences"
    );
    let names: Vec<&str> = wanted.as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
    for shipped in
        ["tauri", "rusqlite", "libsqlite3-sys", "printpdf", "lettre", "ical", "rrule", "keyring", "ureq"]
    {
        assert!(names.contains(&shipped), "{shipped} is shipped");
    }
    for not_shipped in [
        "ateliers",
        "ateliers-desktop",
        "ateliers-testkit",
        "ateliers-testkit-demo",
        "serde_derive",
        "thiserror-impl",
        "tempfile",
        "tauri-build",
    ] {
        assert!(!names.contains(&not_shipped), "{not_shipped} is not in the binary");
    }
}
