//! `ateliers settings [--json]` and `ateliers settings set KEY VALUE`: the settings that the
//! exports need (the organiser's address of an invitation, the shared calendar's address…)
//! read and changed from the command line, checked as the window's settings form checks
//! them.

use std::path::Path;

use ateliers::store::Store;
use serde_json::{Map, Value};

use super::{no_more, take_flag, Failure};

/// `settings [--json]` prints every setting, one `KEY<TAB>VALUE` line each (the lines of a
/// multi-line value joined by « / »), or one JSON object; `settings set KEY VALUE` changes one.
pub(super) fn settings(db: &Path, mut args: Vec<String>) -> Result<(), Failure> {
    if args.first().map(String::as_str) == Some("set") {
        args.remove(0);
        let (Some(key), Some(value)) = (args.first().cloned(), args.get(1).cloned()) else {
            return Err(Failure::Usage(
                "indiquez le paramètre et sa valeur : settings set CLÉ VALEUR".into(),
            ));
        };
        no_more(&args[2..])?;
        let mut store = Store::open(db)?;
        store.set_setting(&key, &value)?;
        let shown = store.settings_by_name()?.into_iter().find(|(name, _)| *name == key).map(|(_, v)| v);
        eprintln!("Paramètre {key} enregistré : {}.", shown.as_ref().map_or(String::new(), text));
        return Ok(());
    }
    let json = take_flag(&mut args, "--json");
    no_more(&args)?;
    let named = Store::open(db)?.settings_by_name()?;
    let out = if json {
        Value::Object(named.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<Map<_, _>>()).to_string()
            + "\n"
    } else {
        named.iter().map(|(key, value)| format!("{key}\t{}\n", text(value))).collect()
    };
    // A reader that stops early (`| head`) is not an error.
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), out.as_bytes());
    Ok(())
}

/// A value as one line of text.
fn text(value: &Value) -> String {
    match value {
        Value::String(text) => {
            text.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" / ")
        }
        other => other.to_string(),
    }
}
